import Foundation
import Testing
@testable import GrantModel

@Suite struct JSONTextTests {
    @Test(arguments: [["a"], ["引号\"与\\反斜杠", "line\nbreak\ttab", "\u{01}control"], ["", "😀 emoji"]])
    func arraysRoundTripThroughFoundation(items: [String]) throws {
        let text = try #require(JSONText.array(items))
        #expect(try JSONDecoder().decode([String].self, from: Data(text.utf8)) == items)
    }

    @Test func objectsAreSortedAndRoundTrip() throws {
        let dict = ["总评": "尚未评估", "a\"b": "x\ny"]
        let text = try #require(JSONText.object(dict))
        #expect(text.hasPrefix("{\"a\\\"b\""))
        #expect(try JSONDecoder().decode([String: String].self, from: Data(text.utf8)) == dict)
    }

    @Test func emptyIsNull() {
        #expect(JSONText.array([]) == nil)
        #expect(JSONText.object([:]) == nil)
    }

    @Test(arguments: [["a"], ["引号\"与\\反斜杠", "line\nbreak\ttab", "\u{01}control"], ["", "😀 emoji", "\u{2028}sep"]])
    func parseArrayReadsWhatArrayWrites(items: [String]) throws {
        let text = try #require(JSONText.array(items))
        #expect(JSONText.parseArray(text) == items)
    }

    @Test func parseArrayReadsOtherValidJSONAsFoundationDoes() throws {
        for text in [#"[ "a" , "b\u00e9\ud83d\ude00\/" ]"#, "[]", " [\"x\"] ", #"["\b\f\r"]"#] {
            let expected = try JSONDecoder().decode([String].self, from: Data(text.utf8))
            #expect(JSONText.parseArray(text) == expected, "\(text)")
        }
    }

    @Test func parseArrayRejectsWhatIsNotAStringArray() {
        for text in ["", "[", "[\"a\"", "[\"a\",]", "[1]", "{\"a\":\"b\"}", "[\"a\"] x", #"["\ud83d"]"#, #"["\q"]"#, "[\"tab\there\"]"] {
            #expect(JSONText.parseArray(text) == nil, "\(text)")
        }
    }
}
