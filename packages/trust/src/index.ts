// Public surface of @rabt/trust (isomorphic: Node 20 and modern browsers; no node: imports here).
export * from './merkle.ts';
export * from './note.ts';
export * from './credential.ts';
