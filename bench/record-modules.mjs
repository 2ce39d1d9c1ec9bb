// Preloaded (node --import) into a bundle run by bench/startup.ts: records every file module the
// process loads and every built-in module, and writes them as JSON to $BFX_BENCH_MODULES at exit.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const files = [];
registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith('file:') && !url.endsWith('/record-modules.mjs')) files.push(url);
    return nextLoad(url, context);
  },
});
process.on('exit', () => {
  const builtins = process.moduleLoadList
    .filter((name) => name.startsWith('NativeModule '))
    .map((name) => name.slice('NativeModule '.length));
  writeFileSync(process.env.BFX_BENCH_MODULES, JSON.stringify({ files, builtins }));
});
