/// The failure of a command whose capability is planned but not built yet: exit 2 and where it stands.
func notBuiltYet(_ command: String, issue: Int) -> CommandFailure {
    CommandFailure(
        exitCode: CommandFailure.usageError,
        "'dbadvisor \(command)' is not built yet (planned in issue #\(issue)); 'dbadvisor explain' works today")
}
