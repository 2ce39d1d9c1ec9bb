/**
 * The report page's styles: light and dark from the reader's system setting, status colours that
 * keep white letters readable (contrast 4.5:1 or more) in both, and a visible focus ring.
 */
export const PAGE_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --link: #0550ae;
  --focus: #0969da; --row-hover: #eef2f6;
  --st-S: #1a7f37; --st-F: #c2262e; --st-R: #9a4d00; --st-A: #0b5cad; --st-E: #6639ba; --st-C: #59636e;
  --spark: #0b5cad; --spark-rows: #6639ba;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23; --link: #71b7ff;
    --focus: #4493f8; --row-hover: #1c2430;
    --st-S: #1a7f37; --st-F: #c2262e; --st-R: #9a4d00; --st-A: #0b5cad; --st-E: #6639ba; --st-C: #59636e;
    --spark: #71b7ff; --spark-rows: #d2a8ff;
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 0 1.25rem 2rem; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
h1 { font-size: 1.4rem; margin: 1rem 0 0.2rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 0.5rem; }
a { color: var(--link); }
.meta, .note { color: var(--muted); margin: 0.2rem 0; }
.noscript { padding: 1rem; border: 1px solid var(--line); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; }
.tiles { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.8rem 0; padding: 0; list-style: none; }
.tiles li { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 0.4rem 0.8rem; min-width: 7.5rem; }
.tiles b { display: block; font-size: 1.3rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0.6rem 1.2rem; align-items: end; background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem 0.8rem; margin: 0.6rem 0; }
.filters label, .filters legend { display: block; font-size: 0.85rem; color: var(--muted); }
.filters fieldset { border: 0; margin: 0; padding: 0; }
.filters fieldset label { display: inline-flex; align-items: center; gap: 0.2rem; margin-right: 0.5rem; color: var(--fg); font-size: 0.9rem; }
input, select, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; }
input[type=search], select { padding: 0.2rem 0.4rem; min-width: 11rem; }
table { border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 0.25rem 0.5rem; border-bottom: 1px solid var(--line); }
th { font-weight: 600; white-space: nowrap; }
th button { border: 0; background: none; padding: 0; font-weight: 600; cursor: pointer; }
th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort=ascending] button::after { content: " \\2191"; color: var(--fg); }
th[aria-sort=descending] button::after { content: " \\2193"; color: var(--fg); }
.grid-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
.grid-wrap.attention { max-height: 24rem; overflow-y: auto; }
.attention td.name { white-space: nowrap; }
/* A fixed layout: the widths come from the header, so a thousand rows are laid out without measuring each. */
.grid { width: 100%; min-width: 62rem; table-layout: fixed; }
.grid th:nth-child(1) { width: 15rem; } .grid th:nth-child(2) { width: 7rem; } .grid th:nth-child(3) { width: 12rem; }
.grid th:nth-child(4), .grid th:nth-child(5) { width: 9rem; }
.grid td.name { overflow: hidden; text-overflow: ellipsis; }
/* Rows off screen skip the layout of their cells until they scroll into view. */
.cells { content-visibility: auto; contain-intrinsic-size: auto 1.2rem; }
.grid tbody tr:hover { background: var(--row-hover); }
.grid td.name { white-space: nowrap; font-weight: 600; }
.grid tr.child td.name { padding-left: 1.6rem; font-weight: 400; }
.grid tr.child td.name::before { content: "\\2514 "; color: var(--muted); }
.grid.flat tr.child td.name { padding-left: 0.5rem; }
.grid.flat tr.child td.name::before { content: none; }
.tag { display: inline-block; font-size: 0.75rem; font-weight: 600; border: 1px solid var(--line); border-radius: 999px; padding: 0 0.4rem; margin-left: 0.3rem; color: var(--muted); }
.state { white-space: nowrap; font-weight: 600; }
.state-failing, .state-stuck { color: var(--st-F); }
.state-disabled, .state-skipped, .state-never-run { color: var(--muted); }
.state-running { color: var(--st-A); }
.state-ok { color: var(--st-S); }
@media (prefers-color-scheme: dark) {
  .state-failing, .state-stuck { color: #ff7b72; } .state-running { color: #71b7ff; } .state-ok { color: #3fb950; }
}
.cells { display: flex; flex-wrap: wrap; gap: 2px; justify-content: flex-end; min-width: 8rem; }
.cell { width: 1.15rem; height: 1.15rem; border: 0; border-radius: 3px; padding: 0; font-size: 0.7rem; line-height: 1.15rem;
  font-weight: 700; color: #ffffff; text-align: center; cursor: pointer; flex: none; }
.cell.retried { box-shadow: inset 0 -3px 0 rgba(0,0,0,0.45); }
.st-S { background: var(--st-S); } .st-F { background: var(--st-F); } .st-R { background: var(--st-R); }
.st-A { background: var(--st-A); } .st-E { background: var(--st-E); } .st-C { background: var(--st-C); }
.legend { display: flex; flex-wrap: wrap; gap: 0.8rem; margin: 0.4rem 0; padding: 0; list-style: none; }
.legend li { display: inline-flex; align-items: center; gap: 0.3rem; }
.legend .cell { cursor: default; }
svg.spark { display: block; }
#details { position: sticky; bottom: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
  padding: 0.6rem 0.9rem; margin-top: 0.8rem; max-height: 45vh; overflow: auto; }
#details[hidden] { display: none; }
#details dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0.4rem 0; }
#details dt { color: var(--muted); }
#details dd { margin: 0; white-space: pre-wrap; word-break: break-word; }
#details .close { float: right; padding: 0.1rem 0.6rem; cursor: pointer; }
details.batch { border: 1px solid var(--line); border-radius: 6px; margin: 0.4rem 0; padding: 0.3rem 0.7rem; }
details.batch summary { cursor: pointer; }
svg.timeline text { fill: var(--fg); font-size: 11px; }
svg.timeline .axis { stroke: var(--line); }
.empty { color: var(--muted); font-style: italic; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
