import ncc from '@vercel/ncc';
const ext = process.argv[2] === 'new' ? { './oidc-utils.js': './unbundled.js', '@actions/exec': './unbundled.js', open: './unbundled.js' } : { '@actions/http-client': './unbundled.js', '@actions/http-client/lib/auth': './unbundled.js', '@actions/exec': './unbundled.js', open: './unbundled.js' };
const r = await ncc(process.cwd() + '/src/programs.ts', { externals: ext, quiet: true, license: 'licenses.txt' });
const c = r.stats.compilation;
for (const ch of c.chunks) {
  const mods = [...c.chunkGraph.getChunkModulesIterable(ch)];
  const total = mods.reduce((s, m) => s + m.size(), 0);
  console.log('chunk', ch.id, ch.name ?? '', mods.length, 'modules', total, 'bytes');
  if (ch.id === 792 || ch.name === 'index' || process.argv[3] === 'all') for (const m of mods.sort((a,b)=>b.size()-a.size()).slice(0, 25)) console.log('   ', m.size(), (m.resource ?? m.identifier()).replace(process.cwd(),''));
}
for (const m of c.modules) {
  if (m.constructor.name === 'ExternalModule') {
    const issuers = [...c.moduleGraph.getIncomingConnections(m)].map(x => `${x.dependency?.request} <- ${x.originModule?.resource?.replace(process.cwd(),'')}`);
    console.log('external', m.request, [...new Set(issuers)]);
  }
}
