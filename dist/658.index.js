export const id = 658;
export const ids = [658];
export const modules = {

/***/ 31658:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readReportSettings: () => (/* binding */ readReportSettings),
/* harmony export */   runReport: () => (/* binding */ runReport),
/* harmony export */   runReportAction: () => (/* binding */ runReportAction)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(96251);
/* harmony import */ var _catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(16837);
/* harmony import */ var _catalog_connect_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(63299);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(83916);
/* harmony import */ var _report_index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(49921);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(60397);
/* harmony import */ var _failure_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(69280);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(58592);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(42814);
/* harmony import */ var _package_json__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8330);
/** report/action.yml: the catalog report (docs/report.md) as one HTML file, written by a workflow step. */












/** The report only reads: a missing or older catalog is left alone, in the sub-action's words. */
const REPORT_NO_CREATE = {
    because: 'the report only reads it',
    create: 'point connection-string at the catalog the begin steps write to (their first begin creates it)',
    upgrade: 'let a begin of this release upgrade it, or run `bfx migrate`',
};
function readReportSettings() {
    const raw = _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .getInput */ .V4(_names_js__WEBPACK_IMPORTED_MODULE_8__/* .Inputs */ .G0.ConnectionString);
    for (const secret of (0,_catalog_connection_string_js__WEBPACK_IMPORTED_MODULE_10__/* .secretsIn */ .VY)(raw))
        _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .setSecret */ .Pq(secret);
    const since = _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .getInput */ .V4(_names_js__WEBPACK_IMPORTED_MODULE_8__/* .Inputs */ .G0.SinceDays) || '30';
    if (!/^\d{1,5}$/.test(since) || Number(since) === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_11__/* .BfxError */ .J(`The ${_names_js__WEBPACK_IMPORTED_MODULE_8__/* .Inputs */ .G0.SinceDays} input "${since}" is not a whole number of days, so no report was written: give 1 or more, such as 30.`);
    }
    const path = _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .getInput */ .V4(_names_js__WEBPACK_IMPORTED_MODULE_8__/* .Inputs */ .G0.Path) || 'bfx-report/index.html';
    return {
        connectionString: _validate_js__WEBPACK_IMPORTED_MODULE_5__/* .connectionString */ .cF(raw, _names_js__WEBPACK_IMPORTED_MODULE_8__/* .Inputs */ .G0.ConnectionString),
        schema: _validate_js__WEBPACK_IMPORTED_MODULE_5__/* .catalogSchema */ .X8(_actions_core__WEBPACK_IMPORTED_MODULE_2__/* .getInput */ .V4(_names_js__WEBPACK_IMPORTED_MODULE_8__/* .Inputs */ .G0.CatalogSchema), _names_js__WEBPACK_IMPORTED_MODULE_8__/* .Inputs */ .G0.CatalogSchema),
        path: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(process.env.GITHUB_WORKSPACE ?? process.cwd(), path),
        sinceDays: Number(since),
    };
}
async function runReport() {
    const settings = readReportSettings();
    const options = {
        createCatalog: false,
        noCreate: REPORT_NO_CREATE,
        schema: settings.schema,
        connectTimeoutMs: _validate_js__WEBPACK_IMPORTED_MODULE_5__/* .DEFAULT_CONNECT_TIMEOUT_SECONDS */ .R8 * 1000,
        requestTimeoutMs: _validate_js__WEBPACK_IMPORTED_MODULE_5__/* .DEFAULT_REQUEST_TIMEOUT_SECONDS */ .il * 1000,
    };
    const report = await (0,_catalog_connect_js__WEBPACK_IMPORTED_MODULE_3__/* .withCatalog */ .w5)(settings.connectionString, options, (catalog) => (0,_report_index_js__WEBPACK_IMPORTED_MODULE_4__/* .catalogReport */ .y)(catalog, {
        windowMinutes: settings.sinceDays * 24 * 60,
        packageNames: [],
        serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
        generator: `bfx-begin ${_package_json__WEBPACK_IMPORTED_MODULE_9__/* .version */ .rE}`,
        packageOption: 'package',
    }));
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(settings.path), { recursive: true });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(settings.path, report.html);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_11__/* .BfxError */ .J(`The report could not be written to ${settings.path} (${error instanceof Error ? error.message : String(error)}): choose a path in the workspace.`);
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_2__/* .setOutput */ .uH(_names_js__WEBPACK_IMPORTED_MODULE_8__/* .ReportOutputs */ .Xs.Path, settings.path);
    (0,_log_js__WEBPACK_IMPORTED_MODULE_7__/* .info */ .pq)(`bfx-report: wrote ${settings.path}: ${report.packages} package(s), ${report.executions} execution(s) and ` +
        `${report.batchExecutions} batch execution(s) since ${report.since}, ${(Buffer.byteLength(report.html) / 1024).toFixed(0)} KB.`);
}
/** report/action.yml (dist/report/index.js). */
async function runReportAction() {
    await (0,_failure_js__WEBPACK_IMPORTED_MODULE_6__/* .runStep */ .e)(runReport);
}


/***/ })

};
