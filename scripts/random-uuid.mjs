// The randomUUID() that scripts/build.mjs gives @actions/core's file-command.js in place of
// node:crypto's (see coreBindings() there): a version 4 UUID from 16 bytes of the kernel's random
// source, read from /dev/urandom, which is where node:crypto's come from too. Where there is no
// such device (Windows), it is node:crypto's own. The build copies this function into the bundle's
// main file, so it imports nothing: it takes what it uses from the process.
export function randomUUID() {
  const fs = process.getBuiltinModule('node:fs');
  let bytes;
  try {
    const fd = fs.openSync('/dev/urandom', 'r');
    try {
      bytes = Buffer.alloc(16);
      if (fs.readSync(fd, bytes, 0, 16, null) !== 16) bytes = undefined;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    bytes = undefined;
  }
  if (!bytes) return process.getBuiltinModule('node:crypto').randomUUID();
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
