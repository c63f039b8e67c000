// The tables of the directory module.
export {};
