import GrantModel

/// Word lists the recognisers consult (all lower case).
enum FunderLexicon {
    /// Chinese provinces, autonomous regions and the cities that run their own science foundations,
    /// plus words that mark a sub-national funder.
    static let regional: Set<String> = [
        "anhui", "beijing", "chongqing", "fujian", "gansu", "guangdong", "guangxi", "guizhou", "hainan", "hebei",
        "heilongjiang", "henan", "hubei", "hunan", "jiangsu", "jiangxi", "jilin", "liaoning", "mongolia", "ningxia",
        "qinghai", "shaanxi", "shandong", "shanghai", "shanxi", "sichuan", "tianjin", "tibet", "xizang", "xinjiang",
        "yunnan", "zhejiang", "hong", "kong", "macau", "macao", "taiwan", "shenzhen", "guangzhou", "nanjing", "wuhan",
        "hangzhou", "chengdu", "xiamen", "ningbo", "qingdao", "dalian", "suzhou", "xian", "changsha", "hefei",
        "jinan", "zhengzhou", "shenyang", "harbin", "kunming", "fuzhou", "nanchang", "lanzhou", "changchun",
        "taiyuan", "shijiazhuang", "guiyang", "nanning", "urumqi", "hohhot", "yinchuan", "xining", "haikou",
        "wuxi", "changzhou", "foshan", "dongguan", "zhuhai", "wenzhou", "yantai", "weihai", "xuzhou", "tangshan",
        "province", "provincial", "provinces", "municipal", "municipality", "city", "autonomous", "region",
        "county", "prefecture", "district",
    ]
    /// Words that mark a foreign funder with a similar name (`US National Science Foundation`).
    static let foreign: Set<String> = [
        "us", "u", "s", "usa", "american", "america", "swiss", "switzerland", "korea", "korean", "polish", "poland",
        "swedish", "israel", "german", "germany", "japan", "japanese", "belgian", "hungarian", "bulgarian",
        "russian", "russia", "iran", "iranian", "turkish", "egypt", "czech", "slovak", "austrian", "irish", "uk",
        "british", "danish", "norwegian", "finnish", "dutch", "french", "italian", "spanish", "portuguese",
        "brazil", "brazilian", "mexican", "chilean", "taiwanese", "singapore", "thai", "indian", "pakistan",
        "sri", "lanka", "bangladesh", "australian", "canadian", "zealand", "african", "nigeria", "flemish",
    ]
    static let china: Set<String> = ["china", "chinese", "prc"]

    /// Chinese funder names, longest first within each first character.
    static let chinese: [Character: [([Character], FunderID)]] = {
        let entries: [(String, FunderID)] = [
            ("国家自然科学基金委员会", .nsfc), ("国家自然科学基金", .nsfc), ("国家自然基金", .nsfc), ("国家自科基金", .nsfc),
            ("国家杰出青年科学基金", .nsfc), ("国家优秀青年科学基金", .nsfc), ("国家青年科学基金", .nsfc),
            ("国家自然科学青年基金", .nsfc), ("自然科学基金委", .nsfc),
            ("国家重点研发计划", .nkrdpc), ("国家重点研发项目", .nkrdpc), ("国家重点研发专项", .nkrdpc),
            ("国家重点研究与发展计划", .nkrdpc), ("国家重点研究发展计划", .nkrdpc),
            ("国家重点基础研究发展计划", .basic973), ("国家重点基础研究计划", .basic973), ("国家基础研究发展计划", .basic973),
            ("国家高技术研究发展计划", .hiTech863), ("国家高技术发展计划", .hiTech863),
            ("国家科技支撑计划", .keyTechRD), ("国家科技攻关计划", .keyTechRD),
            ("科技创新2030", .sti2030), ("国家科技重大专项", .majorProject), ("科技重大专项", .majorProject),
            ("国家社会科学基金", .nssfc), ("国家社科基金", .nssfc),
            ("教育部人文社会科学", .moeHumanities), ("教育部人文社科", .moeHumanities),
            ("中国博士后科学基金", .cpsf), ("博士后科学基金", .cpsf),
            ("中央高校基本科研业务费", .centralUniversities), ("中央高校基本科研业务", .centralUniversities),
            ("中国科学院", .cas), ("中科院", .cas), ("科技部", .most), ("科学技术部", .most),
            ("自然科学基金", .provincialNSF), ("重点研发计划", .provincialRD), ("重点研发项目", .provincialRD),
        ]
        var d: [Character: [([Character], FunderID)]] = [:]
        for (s, f) in entries {
            let chars = Array(s)
            d[chars[0], default: []].append((chars, f))
        }
        for k in d.keys { d[k]?.sort { $0.0.count > $1.0.count } }
        return d
    }()
}
