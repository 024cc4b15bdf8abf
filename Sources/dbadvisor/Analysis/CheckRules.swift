import Reports

/// The finding of `check` that no rule file describes: a migration statement the scratch server
/// refuses is an error of the change itself, found by running it, not a rule's judgement.
enum CheckRules {
    static let migrationFails = CheckRule(
        id: "migration-fails", title: "A migration statement fails on the scratch server",
        rationale:
            "The statement was refused by the scratch server when the migrations were applied, so the deploy "
            + "would fail too. The message is the server's.",
        severity: .error)
}
