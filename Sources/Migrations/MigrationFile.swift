/// One file to write: a path relative to the migrations directory, and its text.
public struct MigrationFile: Equatable, Sendable {
    /// Relative path, a plain file name (the caller chooses the directory).
    public var path: String
    /// The whole file, UTF-8, ending with a newline.
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
