import GrantModel

/// Look-alike funder ids reported alongside `nsfc` and `nkrdpc`.
extension FunderID {
    static let provincialNSF: FunderID = "provincial-nsf"
    static let provincialRD: FunderID = "provincial-rd"
    static let cpsf: FunderID = "cpsf"
    static let centralUniversities: FunderID = "central-universities"
    static let basic973: FunderID = "973"
    static let hiTech863: FunderID = "863"
    static let keyTechRD: FunderID = "key-tech-rd"
    static let sti2030: FunderID = "sti2030"
    static let majorProject: FunderID = "major-project"
    static let nssfc: FunderID = "nssfc"
    static let moeHumanities: FunderID = "moe-humanities"
    static let cas: FunderID = "cas"
    static let most: FunderID = "most"
    static let other: FunderID = "other"
}
