// The tables of the pass module.
export {};
