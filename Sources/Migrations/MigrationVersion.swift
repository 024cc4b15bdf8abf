/// Migration versions: the caller's base (`20261123170000`) for the first file, +1 for each next one.
///
/// Decimal addition on the digit string keeps leading zeros (`000009` -> `000010`) and works for
/// any length, so both timestamp and sequence styles order correctly as text and as numbers.
enum MigrationVersion {
    /// `base` plus `offset`, as digits; `nil` when `base` is not all ASCII digits.
    static func advanced(_ base: String, by offset: Int) -> String? {
        guard !base.isEmpty, base.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        var digits = base.utf8.map { Int($0) - 0x30 }
        var carry = offset
        var position = digits.count - 1
        while carry > 0 {
            if position < 0 {
                digits.insert(0, at: 0)
                position = 0
            }
            let sum = digits[position] + carry
            digits[position] = sum % 10
            carry = sum / 10
            position -= 1
        }
        return String(digits.map { Character(Unicode.Scalar(UInt8(0x30 + $0))) })
    }
}
