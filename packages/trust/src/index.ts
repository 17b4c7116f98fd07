// Public surface of @rabt/trust (isomorphic: Node 20 and modern browsers; no node: imports here).
export {};
