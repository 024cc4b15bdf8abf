// Placeholder so the package loads; replaced by the CLI.
print("dbadvisor")
