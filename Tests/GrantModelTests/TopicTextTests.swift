import Testing
@testable import GrantModel

@Suite struct TopicTextTests {
    @Test(arguments: [
        "基于深度学习的肺结节CT影像诊断研究",
        "ＤＥＥＰ　ＬＥＡＲＮＩＮＧ（ＡＩ）１２３",
        "Ärzte École ΔΕΛΤΑ Москва",
        "İstanbul Straße",
        "plain ascii, with punctuation: (x) [y] {z}!",
        "한국어 텍스트 and 日本語のテキスト",
        "emoji 🧠 brain",
    ])
    func equalsAsciiFoldedLowercased(text: String) {
        #expect(TopicText.normalized(text) == Array(text.asciiFolded.lowercased().utf8))
    }

    @Test(arguments: [
        ("machine-learning", "machine learning"),
        ("machine \n\t learning", "machine learning"),
        ("deep\u{2010}learning", "deep learning"),
        ("  Health  ", " health "),
        ("X－ray　ＣＴ", "x ray ct"),
    ])
    func spacesAndHyphensCollapse(text: String, expected: String) {
        #expect(TopicText.normalized(text) == Array(expected.utf8))
    }
}
