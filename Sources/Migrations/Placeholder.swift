// Placeholder so the package loads; delete once the module has real files.
