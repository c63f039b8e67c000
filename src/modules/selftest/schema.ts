// The tables of the selftest module.
export {};
