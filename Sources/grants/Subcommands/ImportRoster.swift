import ArgumentParser
import Foundation
import GrantImport
import GrantModel
import GrantStore
import GrantTabular

extension GrantsCommand {
    struct ImportRoster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "roster",
            abstract: "Import a roster mapping PIs (and institution) to a university's own schools, for --by school.",
            discussion: "Columns (Chinese or English headers): 姓名/name/PI, 学院/school/department, and optionally 单位/institution.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Roster file (CSV, XLSX, XLS).") var file: String
        @Option(help: "Worksheet (XLSX/XLS).") var sheet: String?

        static let nameHeaders = ["姓名", "name", "pi", "负责人", "教师", "教师姓名"]
        static let schoolHeaders = ["学院", "school", "department", "院系", "部门", "所在学院"]
        static let institutionHeaders = ["单位", "institution", "依托单位", "学校", "university"]

        func run() async throws {
            let db = try database.open()
            let summary = try Diagnostics.run { () -> ImportSummary in
                let reader = try TableReader(path: file, options: TableOptions(sheet: sheet))
                var columns: (name: Int, school: Int, institution: Int?)?
                var entries: [GrantDatabase.RosterEntry] = []
                var rejects: [(row: Int, reason: String, raw: String)] = []
                try reader.forEachRow { row in
                    let cells = row.cells.map(\.trimmingSpaces)
                    guard let c = columns else {
                        let keys = cells.map { $0.lowercased() }
                        guard let n = keys.firstIndex(where: Self.nameHeaders.contains),
                            let s = keys.firstIndex(where: Self.schoolHeaders.contains)
                        else {
                            throw ImportError.badMapping("\(file): header needs a name column (姓名/name) and a school column (学院/school); found: \(cells.joined(separator: ", "))")
                        }
                        columns = (n, s, keys.firstIndex(where: Self.institutionHeaders.contains))
                        return
                    }
                    if cells.allSatisfy(\.isEmpty) { return }
                    let name = c.name < cells.count ? cells[c.name] : "", school = c.school < cells.count ? cells[c.school] : ""
                    guard !name.isEmpty, !school.isEmpty else {
                        rejects.append((row.number, name.isEmpty ? "no name" : "no school", cells.joined(separator: " | ")))
                        return
                    }
                    let inst = c.institution.flatMap { $0 < cells.count && !cells[$0].isEmpty ? cells[$0] : nil }
                    entries.append(.init(name: name, institution: inst, school: school, row: row.number))
                }
                return try db.importRoster(file: file, entries: entries, rejects: rejects)
            }
            ImportSummaryPrinter.print([summary], format: .table)
        }
    }
}
