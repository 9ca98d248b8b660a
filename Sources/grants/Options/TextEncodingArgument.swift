import ArgumentParser
import GrantTabular

/// `--encoding` takes the labels users know (utf-8, GBK, cp936, utf-16…), and an unknown one is a usage error.
extension TextEncoding: ExpressibleByArgument {
    public init?(argument: String) { self.init(label: argument) }

    public static var allValueStrings: [String] { ["utf-8", "utf-16le", "utf-16be", "gb18030"] }
}
