#!/usr/bin/env python3
"""Writes a synthetic multilingual news blog for the benchmarks, in broadsheet's or Hugo's format.

The benchmarks (benches/run.sh, benches/profile.sh, benches/serve_reload.py) need a
large site that looks like the blogs broadsheet is made for and that both broadsheet
and Hugo can build, so that the two can be timed on the same work. This script writes
one, from the repository alone:

    python3 benches/corpus.py --articles 1000 --out DIR --flavor broadsheet [--seed 1] [--force]
    python3 benches/corpus.py --articles 1000 --out DIR --flavor hugo

N content files under content/articles/: about 85% French originals and 10% English and
5% Japanese translations of some of them (same file stem, `.en.md` / `.ja.md`), dated
over four years (2022 to 2025). Each article has a title, date, description, one of 12
categories, 2 to 4 tags (of 300, some far more used than others), 1 to 4 regions (of 60
ISO codes declared with names in French, English and Japanese), a source, a Markdown
summary, and five or six `##` commentary sections (context, analysis, key points,
data, related news, conclusion) with paragraphs, lists, links to other articles and to
the source, and in some articles a fenced code block, a table, a quotation or an
image: about 9 KB of text per file. A translation says the same things as its
original, in its language. The text is assembled from the word lists and sentence
templates below.

--flavor broadsheet writes site.toml (French by default, English, Japanese; regions,
categories and tags with their names; 20 articles a list page) and content/; there is
no theme folder, so the build uses the default theme compiled into the binary. --flavor
hugo writes the same articles with Hugo's front matter, hugo.toml with the same
languages, names and pagination, and the layouts of benches/hugo/ (article page,
paginated home, tag, region and category pages and their lists, RSS, sitemap). The
text of the articles is the same in both flavors; links to other articles are
`@/articles/x.md` for broadsheet and `relref` for Hugo.

The output depends only on --articles and --seed. DIR must be empty or missing, or,
with --force, a folder this script wrote before (it is then replaced).

Python 3.11 standard library only.
"""

import argparse
import datetime as dt
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKER = ".benchmark-corpus"
LANGS = ("fr", "en", "ja")
BASE_URL = "https://news.example.org"

# ------------------------------------------------------------------ word lists
# Every list is parallel: one entry per language (fr, en, ja). French noun phrases
# carry an article code: m (le), f (la), v (l’, before a vowel), p (les), 0 (none).

# (ISO code, French name, French article code, English name, English needs "the", Japanese name)
REGIONS = [
    ("jp", "Japon", "m", "Japan", False, "日本"),
    ("kr", "Corée du Sud", "f", "South Korea", False, "韓国"),
    ("kp", "Corée du Nord", "f", "North Korea", False, "北朝鮮"),
    ("cn", "Chine", "f", "China", False, "中国"),
    ("tw", "Taïwan", "0", "Taiwan", False, "台湾"),
    ("in", "Inde", "v", "India", False, "インド"),
    ("id", "Indonésie", "v", "Indonesia", False, "インドネシア"),
    ("ph", "Philippines", "p", "Philippines", True, "フィリピン"),
    ("vn", "Viêt Nam", "m", "Vietnam", False, "ベトナム"),
    ("th", "Thaïlande", "f", "Thailand", False, "タイ"),
    ("my", "Malaisie", "f", "Malaysia", False, "マレーシア"),
    ("sg", "Singapour", "0", "Singapore", False, "シンガポール"),
    ("au", "Australie", "v", "Australia", False, "オーストラリア"),
    ("nz", "Nouvelle-Zélande", "f", "New Zealand", False, "ニュージーランド"),
    ("pk", "Pakistan", "m", "Pakistan", False, "パキスタン"),
    ("bd", "Bangladesh", "m", "Bangladesh", False, "バングラデシュ"),
    ("us", "États-Unis", "p", "United States", True, "アメリカ"),
    ("ca", "Canada", "m", "Canada", False, "カナダ"),
    ("mx", "Mexique", "m", "Mexico", False, "メキシコ"),
    ("br", "Brésil", "m", "Brazil", False, "ブラジル"),
    ("ar", "Argentine", "v", "Argentina", False, "アルゼンチン"),
    ("cl", "Chili", "m", "Chile", False, "チリ"),
    ("co", "Colombie", "f", "Colombia", False, "コロンビア"),
    ("pe", "Pérou", "m", "Peru", False, "ペルー"),
    ("ve", "Venezuela", "m", "Venezuela", False, "ベネズエラ"),
    ("cu", "Cuba", "0", "Cuba", False, "キューバ"),
    ("fr", "France", "f", "France", False, "フランス"),
    ("de", "Allemagne", "v", "Germany", False, "ドイツ"),
    ("it", "Italie", "v", "Italy", False, "イタリア"),
    ("es", "Espagne", "v", "Spain", False, "スペイン"),
    ("pt", "Portugal", "m", "Portugal", False, "ポルトガル"),
    ("gb", "Royaume-Uni", "m", "United Kingdom", True, "イギリス"),
    ("ie", "Irlande", "v", "Ireland", False, "アイルランド"),
    ("nl", "Pays-Bas", "p", "Netherlands", True, "オランダ"),
    ("be", "Belgique", "f", "Belgium", False, "ベルギー"),
    ("ch", "Suisse", "f", "Switzerland", False, "スイス"),
    ("at", "Autriche", "v", "Austria", False, "オーストリア"),
    ("pl", "Pologne", "f", "Poland", False, "ポーランド"),
    ("se", "Suède", "f", "Sweden", False, "スウェーデン"),
    ("no", "Norvège", "f", "Norway", False, "ノルウェー"),
    ("fi", "Finlande", "f", "Finland", False, "フィンランド"),
    ("dk", "Danemark", "m", "Denmark", False, "デンマーク"),
    ("gr", "Grèce", "f", "Greece", False, "ギリシャ"),
    ("ua", "Ukraine", "v", "Ukraine", False, "ウクライナ"),
    ("ru", "Russie", "f", "Russia", False, "ロシア"),
    ("tr", "Turquie", "f", "Türkiye", False, "トルコ"),
    ("il", "Israël", "0", "Israel", False, "イスラエル"),
    ("ir", "Iran", "v", "Iran", False, "イラン"),
    ("iq", "Irak", "v", "Iraq", False, "イラク"),
    ("sa", "Arabie saoudite", "v", "Saudi Arabia", False, "サウジアラビア"),
    ("ae", "Émirats arabes unis", "p", "United Arab Emirates", True, "アラブ首長国連邦"),
    ("eg", "Égypte", "v", "Egypt", False, "エジプト"),
    ("ma", "Maroc", "m", "Morocco", False, "モロッコ"),
    ("dz", "Algérie", "v", "Algeria", False, "アルジェリア"),
    ("ng", "Nigeria", "m", "Nigeria", False, "ナイジェリア"),
    ("ke", "Kenya", "m", "Kenya", False, "ケニア"),
    ("et", "Éthiopie", "v", "Ethiopia", False, "エチオピア"),
    ("za", "Afrique du Sud", "v", "South Africa", False, "南アフリカ"),
    ("sn", "Sénégal", "m", "Senegal", False, "セネガル"),
    ("cd", "République démocratique du Congo", "f", "Democratic Republic of the Congo", True, "コンゴ民主共和国"),
]

CITIES = [
    ("Genève", "Geneva", "ジュネーブ"), ("Bruxelles", "Brussels", "ブリュッセル"),
    ("New York", "New York", "ニューヨーク"), ("Tokyo", "Tokyo", "東京"),
    ("Pékin", "Beijing", "北京"), ("Séoul", "Seoul", "ソウル"),
    ("Singapour", "Singapore", "シンガポール"), ("Nairobi", "Nairobi", "ナイロビ"),
    ("Addis-Abeba", "Addis Ababa", "アディスアベバ"), ("Vienne", "Vienna", "ウィーン"),
    ("Paris", "Paris", "パリ"), ("Washington", "Washington", "ワシントン"),
    ("Jakarta", "Jakarta", "ジャカルタ"), ("Brasília", "Brasília", "ブラジリア"),
    ("Londres", "London", "ロンドン"), ("Berlin", "Berlin", "ベルリン"),
    ("Doha", "Doha", "ドーハ"), ("Bangkok", "Bangkok", "バンコク"),
    ("New Delhi", "New Delhi", "ニューデリー"), ("Ottawa", "Ottawa", "オタワ"),
    ("Canberra", "Canberra", "キャンベラ"), ("Dakar", "Dakar", "ダカール"),
    ("Lima", "Lima", "リマ"), ("Madrid", "Madrid", "マドリード"),
    ("Rome", "Rome", "ローマ"), ("Varsovie", "Warsaw", "ワルシャワ"),
    ("Oslo", "Oslo", "オスロ"), ("Ankara", "Ankara", "アンカラ"),
    ("Manille", "Manila", "マニラ"), ("Mexico", "Mexico City", "メキシコシティ"),
]

# (key, fr, en, ja, topics of its tags)
CATEGORIES = [
    ("economy", "Économie", "Economy", "経済", ["inflation", "debt", "currencies", "labour", "aid"]),
    ("diplomacy", "Diplomatie", "Diplomacy", "外交", ["sanctions", "treaties", "aid", "defence"]),
    ("climate", "Climat et environnement", "Climate and environment", "気候・環境", ["forests", "oceans", "water", "renewables"]),
    ("energy", "Énergie", "Energy", "エネルギー", ["gas", "nuclear", "renewables", "shipping"]),
    ("health", "Santé", "Health", "保健", ["vaccines", "pandemics", "water", "aid"]),
    ("security", "Sécurité et défense", "Security and defence", "安全保障", ["defence", "navy", "sanctions", "cyber"]),
    ("technology", "Technologie", "Technology", "テクノロジー", ["ai", "chips", "data", "cyber"]),
    ("trade", "Commerce", "Trade", "貿易", ["tariffs", "shipping", "farming", "currencies"]),
    ("elections", "Élections", "Elections", "選挙", ["ballots", "courts", "cities", "labour"]),
    ("justice", "Droit international", "International law", "国際法", ["courts", "treaties", "oceans", "sanctions"]),
    ("migration", "Migrations", "Migration", "移民・難民", ["asylum", "labour", "aid", "cities"]),
    ("space", "Espace", "Space", "宇宙", ["satellites", "launchers", "data", "defence"]),
]

# Tags are topic × aspect: 30 × 10 = 300.
TOPICS = [
    ("sanctions", "Sanctions", "Sanctions", "制裁"), ("cyber", "Cybersécurité", "Cybersecurity", "サイバー"),
    ("inflation", "Inflation", "Inflation", "インフレ"), ("debt", "Dette publique", "Public debt", "公的債務"),
    ("gas", "Gaz", "Gas", "ガス"), ("nuclear", "Nucléaire", "Nuclear power", "原子力"),
    ("renewables", "Renouvelables", "Renewables", "再生可能エネルギー"), ("vaccines", "Vaccins", "Vaccines", "ワクチン"),
    ("pandemics", "Pandémies", "Pandemics", "パンデミック"), ("defence", "Défense", "Defence", "防衛"),
    ("navy", "Marine", "Navy", "海軍"), ("ai", "Intelligence artificielle", "Artificial intelligence", "人工知能"),
    ("chips", "Semi-conducteurs", "Semiconductors", "半導体"), ("data", "Données personnelles", "Personal data", "個人データ"),
    ("tariffs", "Droits de douane", "Tariffs", "関税"), ("shipping", "Transport maritime", "Shipping", "海運"),
    ("farming", "Agriculture", "Farming", "農業"), ("water", "Eau", "Water", "水資源"),
    ("forests", "Forêts", "Forests", "森林"), ("oceans", "Océans", "Oceans", "海洋"),
    ("asylum", "Asile", "Asylum", "難民申請"), ("labour", "Travail", "Labour", "労働"),
    ("ballots", "Scrutins", "Ballots", "投票"), ("courts", "Tribunaux", "Courts", "裁判所"),
    ("treaties", "Traités", "Treaties", "条約"), ("satellites", "Satellites", "Satellites", "人工衛星"),
    ("launchers", "Lanceurs", "Launchers", "ロケット"), ("currencies", "Monnaies", "Currencies", "通貨"),
    ("aid", "Aide au développement", "Development aid", "開発援助"), ("cities", "Villes", "Cities", "都市"),
]
ASPECTS = [
    ("policy", "politique", "policy", "政策"), ("talks", "négociations", "talks", "交渉"),
    ("funding", "financement", "funding", "資金"), ("law", "législation", "legislation", "法制度"),
    ("markets", "marchés", "markets", "市場"), ("crisis", "crise", "crisis", "危機"),
    ("statistics", "statistiques", "statistics", "統計"), ("reform", "réforme", "reform", "改革"),
    ("cooperation", "coopération", "cooperation", "協力"), ("security", "sécurité", "security", "安全"),
]

# What an article is about, by category: (fr, en, ja, plural). {B}: billions, {Y2}: a
# year, {C2}: a second country.
OBJECTS = {
    "economy": [
        ("un plan de relance de {B} milliards d’euros", "a {B} billion euro stimulus plan", "{B}0億ユーロ規模の景気刺激策", False),
        ("une baisse des taux directeurs", "a cut in interest rates", "政策金利の引き下げ", False),
        ("de nouvelles règles budgétaires", "new fiscal rules", "新たな財政規律", True),
        ("une réforme des retraites", "a pension reform", "年金改革", False),
        ("un programme de rachat d’obligations", "a bond-buying programme", "国債買い入れプログラム", False),
    ],
    "diplomacy": [
        ("un accord de coopération avec {C2}", "a cooperation agreement with {C2}", "{C2}との協力協定", False),
        ("une déclaration commune sur la sécurité régionale", "a joint statement on regional security", "地域の安全保障に関する共同声明", False),
        ("la reprise du dialogue avec {C2}", "the resumption of talks with {C2}", "{C2}との対話再開", False),
        ("un sommet trilatéral", "a trilateral summit", "3か国首脳会談", False),
        ("la nomination d’un nouvel ambassadeur", "the appointment of a new ambassador", "新大使の任命", False),
    ],
    "climate": [
        ("un objectif de neutralité carbone pour {Y2}", "a net-zero target for {Y2}", "{Y2}年までの排出実質ゼロ目標", False),
        ("un fonds pour les pertes et dommages", "a loss and damage fund", "損失と損害に対応する基金", False),
        ("de nouvelles aires marines protégées", "new marine protected areas", "新たな海洋保護区", True),
        ("un plan contre la déforestation", "a plan against deforestation", "森林破壊対策計画", False),
        ("une taxe carbone aux frontières", "a border carbon tax", "国境炭素税", False),
    ],
    "energy": [
        ("un contrat d’approvisionnement en gaz naturel liquéfié", "a liquefied natural gas supply contract", "液化天然ガスの供給契約", False),
        ("la construction de deux réacteurs nucléaires", "the construction of two nuclear reactors", "原子炉2基の建設", False),
        ("un programme d’éoliennes en mer", "an offshore wind programme", "洋上風力発電計画", False),
        ("des réserves stratégiques de pétrole", "strategic oil reserves", "石油の戦略備蓄", True),
        ("un réseau électrique transfrontalier", "a cross-border power grid", "国境を越える送電網", False),
    ],
    "health": [
        ("une campagne de vaccination contre la rougeole", "a measles vaccination campaign", "はしかの予防接種キャンペーン", False),
        ("un accord sur la préparation aux pandémies", "a pandemic preparedness agreement", "パンデミックへの備えに関する協定", False),
        ("un plan de lutte contre le paludisme", "a plan to fight malaria", "マラリア対策計画", False),
        ("de nouvelles règles sur les médicaments génériques", "new rules on generic medicines", "後発医薬品に関する新たな規則", True),
        ("un réseau de surveillance des épidémies", "an epidemic surveillance network", "感染症監視ネットワーク", False),
    ],
    "security": [
        ("une hausse du budget de la défense", "an increase in the defence budget", "防衛予算の増額", False),
        ("des exercices militaires conjoints", "joint military exercises", "合同軍事演習", True),
        ("un accord sur le partage du renseignement", "an intelligence-sharing agreement", "情報共有協定", False),
        ("de nouvelles sanctions contre des sociétés écrans", "new sanctions against shell companies", "ペーパーカンパニーへの新たな制裁", True),
        ("une mission de surveillance maritime", "a maritime surveillance mission", "海上監視任務", False),
    ],
    "technology": [
        ("une loi sur l’intelligence artificielle", "a law on artificial intelligence", "人工知能に関する法律", False),
        ("un plan de soutien aux semi-conducteurs", "a support plan for semiconductors", "半導体産業の支援策", False),
        ("de nouvelles règles de cybersécurité", "new cybersecurity rules", "新たなサイバーセキュリティ規則", True),
        ("un câble sous-marin de télécommunications", "an undersea telecommunications cable", "海底通信ケーブル", False),
        ("un cadre pour la protection des données", "a data protection framework", "データ保護の枠組み", False),
    ],
    "trade": [
        ("un accord de libre-échange avec {C2}", "a free trade agreement with {C2}", "{C2}との自由貿易協定", False),
        ("des droits de douane sur l’acier", "tariffs on steel", "鉄鋼への関税", True),
        ("la levée de restrictions à l’exportation", "the lifting of export restrictions", "輸出規制の解除", False),
        ("un mécanisme de règlement des différends", "a dispute settlement mechanism", "紛争解決の仕組み", False),
        ("un corridor logistique", "a logistics corridor", "物流回廊", False),
    ],
    "elections": [
        ("des élections législatives anticipées", "early legislative elections", "議会の前倒し選挙", True),
        ("une réforme du code électoral", "a reform of the electoral code", "選挙法の改正", False),
        ("un second tour de l’élection présidentielle", "a presidential run-off", "大統領選の決選投票", False),
        ("un référendum constitutionnel", "a constitutional referendum", "憲法改正の国民投票", False),
        ("une mission d’observation électorale", "an election observation mission", "選挙監視団", False),
    ],
    "justice": [
        ("un avis consultatif de la Cour internationale de justice", "an advisory opinion of the International Court of Justice", "国際司法裁判所の勧告的意見", False),
        ("une plainte devant l’Organisation mondiale du commerce", "a complaint at the World Trade Organization", "世界貿易機関への提訴", False),
        ("un traité sur la haute mer", "a high seas treaty", "公海条約", False),
        ("une enquête sur des crimes de guerre", "an investigation into war crimes", "戦争犯罪に関する捜査", False),
        ("un accord d’extradition", "an extradition agreement", "犯罪人引き渡し協定", False),
    ],
    "migration": [
        ("un pacte sur les migrations et l’asile", "a pact on migration and asylum", "移民・難民に関する協定", False),
        ("de nouveaux visas de travail", "new work visas", "新たな就労ビザ", True),
        ("un programme de réinstallation de réfugiés", "a refugee resettlement programme", "難民の第三国定住プログラム", False),
        ("des contrôles renforcés aux frontières", "tighter border controls", "国境管理の強化", True),
        ("un accord de réadmission", "a readmission agreement", "再入国協定", False),
    ],
    "space": [
        ("le lancement d’un satellite météorologique", "the launch of a weather satellite", "気象衛星の打ち上げ", False),
        ("une mission d’exploration lunaire", "a lunar exploration mission", "月探査ミッション", False),
        ("un programme de lanceurs réutilisables", "a reusable launcher programme", "再使用型ロケット計画", False),
        ("une constellation de satellites de communication", "a constellation of communication satellites", "通信衛星群", False),
        ("des règles contre les débris spatiaux", "rules against space debris", "宇宙ごみ対策の規則", True),
    ],
}

# What stands for the subject once it has been named (singular).
ANAPHORA = [("le projet", "the project", "この計画"), ("la mesure", "the measure", "この措置"),
            ("ce dispositif", "this scheme", "この制度"), ("le texte", "the text", "この文書")]

# Who acts: (French article code, French rest, en, ja, plural). {C}: the article's country.
COUNTRY_ACTORS = [
    ("m", "gouvernement {Cde}", "the government of {C}", "{C}政府", False),
    ("m", "ministère des Affaires étrangères {Cde}", "the foreign ministry of {C}", "{C}外務省", False),
    ("f", "banque centrale {Cde}", "the central bank of {C}", "{C}の中央銀行", False),
    ("m", "parlement {Cde}", "the parliament of {C}", "{C}議会", False),
    ("p", "autorités {Cde}", "the authorities of {C}", "{C}当局", True),
    ("m", "Premier ministre {Cde}", "the prime minister of {C}", "{C}の首相", False),
    ("v", "opposition {Cde}", "the opposition in {C}", "{C}の野党", False),
]
INSTITUTIONS = [
    ("f", "Commission européenne", "the European Commission", "欧州委員会", False),
    ("v", "Organisation mondiale de la santé", "the World Health Organization", "世界保健機関", False),
    ("m", "Fonds monétaire international", "the International Monetary Fund", "国際通貨基金", False),
    ("f", "Banque mondiale", "the World Bank", "世界銀行", False),
    ("m", "Conseil de sécurité de l’ONU", "the UN Security Council", "国連安全保障理事会", False),
    ("v", "Agence internationale de l’énergie", "the International Energy Agency", "国際エネルギー機関", False),
    ("v", "Union africaine", "the African Union", "アフリカ連合", False),
    ("v", "Association des nations de l’Asie du Sud-Est", "the Association of Southeast Asian Nations", "東南アジア諸国連合", False),
    ("p", "ministres des Finances du G20", "the G20 finance ministers", "G20の財務相", True),
    ("m", "Haut-Commissariat des Nations unies pour les réfugiés", "the UN refugee agency", "国連難民高等弁務官事務所", False),
]
EXPERTS = [
    ("p", "analystes", "analysts", "アナリスト", True),
    ("v", "économiste en chef d’une grande banque", "the chief economist of a large bank", "大手銀行のチーフエコノミスト", False),
    ("p", "diplomates en poste à {CITY}", "diplomats posted in {CITY}", "{CITY}駐在の外交官", True),
    ("p", "chercheurs spécialistes de la région", "researchers who study the region", "地域研究者", True),
    ("p", "organisations non gouvernementales", "non-governmental organisations", "非政府組織", True),
    ("p", "milieux d’affaires", "business groups", "経済界", True),
    ("f", "presse locale", "the local press", "地元メディア", False),
    ("v", "ancien négociateur interrogé par notre rédaction", "a former negotiator we spoke to", "取材に応じた元交渉担当者", False),
]
CLAUSES = [
    ("le calendrier retenu est trop serré", "the timetable is too tight", "日程が厳しすぎる"),
    ("la mesure arrive trop tard", "the measure comes too late", "対応が遅すぎる"),
    ("le financement reste incertain", "the funding remains uncertain", "財源がなお不透明だ"),
    ("les engagements pris devront être vérifiés", "the commitments made will have to be verified", "約束の履行を検証する必要がある"),
    ("le texte rompt avec la politique précédente", "the text breaks with previous policy", "この文書はこれまでの政策からの転換を示している"),
    ("les pays voisins suivront de près sa mise en œuvre", "neighbouring countries will watch its implementation closely", "近隣諸国が実施状況を注視する"),
    ("l’accord pourrait servir de modèle à d’autres régions", "the deal could serve as a model for other regions", "この合意は他地域の手本になり得る"),
    ("les effets ne se feront pas sentir avant plusieurs années", "the effects will not be felt for several years", "効果が表れるまでには数年かかる"),
    ("la pression de l’opinion publique a pesé dans la décision", "public pressure weighed on the decision", "世論の圧力が決定に影響した"),
    ("les marchés avaient déjà anticipé cette annonce", "markets had already priced in the announcement", "市場はすでにこの発表を織り込んでいた"),
    ("la question de la dette reste le principal obstacle", "the debt question remains the main obstacle", "債務問題が最大の障害であり続けている"),
    ("la coordination régionale est encore insuffisante", "regional coordination is still insufficient", "地域間の連携はまだ不十分だ"),
]
EVENTS = [
    ("plusieurs mois de négociations", "months of negotiations", "数か月に及ぶ交渉"),
    ("une série de manifestations", "a series of protests", "相次ぐ抗議行動"),
    ("une forte hausse des prix", "a sharp rise in prices", "物価の急上昇"),
    ("des inondations meurtrières", "deadly floods", "死者を出した洪水"),
    ("un rapport critique de la Cour des comptes", "a critical report by the national audit office", "会計検査院の厳しい報告"),
    ("la visite d’une délégation étrangère", "a visit by a foreign delegation", "外国代表団の訪問"),
    ("un incident en mer", "an incident at sea", "海上での事件"),
    ("un vote serré au parlement", "a close vote in parliament", "議会での僅差の採決"),
    ("l’échec d’un précédent accord", "the failure of an earlier deal", "以前の合意の失敗"),
    ("des pénuries d’énergie", "energy shortages", "エネルギー不足"),
]
STAKES = [
    ("la crédibilité des engagements pris", "the credibility of the commitments made", "約束の信頼性"),
    ("la stabilité de la région", "the stability of the region", "地域の安定"),
    ("l’accès aux marchés étrangers", "access to foreign markets", "海外市場へのアクセス"),
    ("le coût pour les ménages", "the cost for households", "家計への負担"),
    ("la sécurité des approvisionnements", "the security of supply", "供給の安全保障"),
    ("la confiance des investisseurs", "investor confidence", "投資家の信頼"),
    ("le respect du droit international", "respect for international law", "国際法の順守"),
    ("la cohésion de la coalition au pouvoir", "the cohesion of the ruling coalition", "与党連立の結束"),
]
# (key, fr, en, ja, unit)
INDICATORS = [
    ("gdp-growth", "croissance du PIB", "GDP growth", "GDP成長率", "pct"),
    ("inflation", "inflation", "inflation", "インフレ率", "pct"),
    ("unemployment", "taux de chômage", "unemployment rate", "失業率", "pct"),
    ("emissions", "émissions de CO₂", "CO₂ emissions", "CO₂排出量", "mt"),
    ("exports", "exportations", "exports", "輸出額", "bn"),
    ("defence-budget", "budget de la défense", "defence budget", "防衛予算", "bn"),
    ("displaced", "personnes déplacées", "displaced people", "避難民", "people"),
    ("turnout", "participation électorale", "voter turnout", "投票率", "pct"),
    ("renewable-capacity", "capacité renouvelable installée", "installed renewable capacity", "再生可能エネルギー設備容量", "gw"),
    ("cases", "cas signalés", "reported cases", "報告された症例数", "people"),
]
# (key of the invented address, name, language of the source)
SOURCES = [
    ("who", "Organisation mondiale de la santé", "fr"), ("imf", "International Monetary Fund", "en"),
    ("worldbank", "World Bank", "en"), ("ec", "Commission européenne", "fr"),
    ("un-news", "UN News", "en"), ("iea", "International Energy Agency", "en"),
    ("wto", "World Trade Organization", "en"), ("mofa-jp", "外務省", "ja"),
    ("boj", "日本銀行", "ja"), ("diplomatie-fr", "Ministère de l’Europe et des Affaires étrangères", "fr"),
    ("bundesregierung", "Die Bundesregierung", "de"), ("moncloa", "La Moncloa", "es"),
    ("au", "African Union Commission", "en"), ("asean", "ASEAN Secretariat", "en"),
    ("icj", "Cour internationale de justice", "fr"), ("unhcr", "UNHCR", "en"),
    ("esa", "Agence spatiale européenne", "fr"), ("jaxa", "宇宙航空研究開発機構", "ja"),
    ("oecd", "OCDE", "fr"), ("ecb", "Banque centrale européenne", "fr"),
    ("state", "U.S. Department of State", "en"), ("gov-br", "Governo do Brasil", "pt"),
    ("mofa-kr", "Ministry of Foreign Affairs of the Republic of Korea", "en"),
    ("mea-in", "Ministry of External Affairs, India", "en"),
    ("unep", "Programme des Nations unies pour l’environnement", "fr"),
    ("fao", "Food and Agriculture Organization", "en"), ("ilo", "Organisation internationale du travail", "fr"),
]
WEEKDAYS = [
    ("lundi", "Monday", "月曜日"), ("mardi", "Tuesday", "火曜日"), ("mercredi", "Wednesday", "水曜日"),
    ("jeudi", "Thursday", "木曜日"), ("vendredi", "Friday", "金曜日"), ("samedi", "Saturday", "土曜日"),
    ("dimanche", "Sunday", "日曜日"),
]
MONTHS = [
    ("janvier", "January"), ("février", "February"), ("mars", "March"), ("avril", "April"),
    ("mai", "May"), ("juin", "June"), ("juillet", "July"), ("août", "August"),
    ("septembre", "September"), ("octobre", "October"), ("novembre", "November"), ("décembre", "December"),
]

# ------------------------------------------------------------------ sentence templates
# (fr, en, ja). {X} is a slot; {X:a|b} is a or b as slot X is singular or plural.
NEWS = [
    ("{A} {A:a|ont} annoncé {W} {O}.", "On {W}, {A} announced {O}.", "{A}は{W}、{O}を発表した。"),
    ("{A} {A:a|ont} présenté {O} à l’issue d’une réunion à {CITY}.", "{A} presented {O} after a meeting in {CITY}.", "{A}は{CITY}での会合後、{O}を公表した。"),
    ("Cette annonce intervient après {EV}.", "The announcement follows {EV}.", "この発表は{EV}を受けたものだ。"),
    ("Le texte prévoit une enveloppe de {N} milliards de dollars sur {K} ans.", "The text provides for {N} billion dollars over {K} years.", "文書は{K}年間で{N}0億ドルの予算を盛り込んでいる。"),
    ("{O} {O:doit|doivent} entrer en vigueur en {MON} {Y}.", "{O} {O:is|are} due to take effect in {MON} {Y}.", "{O}は{Y}年{MON}に発効する見通しだ。"),
    ("{A} {A:a|ont} salué une «\u00a0étape importante\u00a0» pour {C}.", "{A} hailed “an important step” for {C}.", "{A}は{C}にとって「重要な一歩」だと評価した。"),
    ("Selon {A}, près de {N} millions de personnes sont concernées {Cin}.", "According to {A}, nearly {N} million people are affected in {C}.", "{A}によると、{C}では約{N}00万人が影響を受ける。"),
    ("Les discussions doivent reprendre en {MON} à {CITY}.", "Talks are due to resume in {MON} in {CITY}.", "協議は{MON}に{CITY}で再開される予定だ。"),
    ("{A} n’{A:a|ont} pas précisé le calendrier de mise en œuvre.", "{A} gave no timetable for implementation.", "{A}は実施の日程を明らかにしていない。"),
    ("{A} {A:doit|doivent} encore obtenir l’accord {A2de}.", "{A} still {A:needs|need} the approval of {A2}.", "{A}はなお{A2}の承認を得る必要がある。"),
    ("En {Y0}, un projet comparable avait échoué faute de financement.", "In {Y0}, a similar project failed for lack of funding.", "{Y0}年には、同様の計画が資金不足で頓挫していた。"),
    ("Le sujet figurait déjà à l’ordre du jour du sommet de {CITY} en {Y0}.", "The issue was already on the agenda of the {CITY} summit in {Y0}.", "この問題は{Y0}年の{CITY}サミットでも議題に上っていた。"),
    ("{O} {O:concerne|concernent} en priorité les régions frontalières {Cde}.", "{O} {O:targets|target} the border regions of {C} first.", "{O}はまず{C}の国境地域を対象とする。"),
    ("La mesure a été adoptée par {V1} voix contre {V2}.", "The measure passed by {V1} votes to {V2}.", "措置は賛成{V1}、反対{V2}で可決された。"),
    ("Le projet avait été évoqué pour la première fois lors d’une visite officielle à {CITY}, au printemps {Y0}.", "The project was first raised during an official visit to {CITY} in the spring of {Y0}.", "この計画は{Y0}年春の{CITY}への公式訪問の際に初めて取り上げられた。"),
    ("D’après le communiqué publié à l’issue de la réunion, {A} {A:entend|entendent} consulter {A2} avant la fin de l’année.", "According to the statement released after the meeting, {A} {A:intends|intend} to consult {A2} before the end of the year.", "会合後に発表された声明によると、{A}は年内に{A2}と協議する方針だ。"),
    ("Le coût total est estimé à {N} milliards de dollars, dont une partie doit être financée par l’emprunt.", "The total cost is estimated at {N} billion dollars, part of which is to be financed by borrowing.", "総費用は{N}0億ドルと見積もられ、その一部は借り入れで賄われる。"),
    ("Les représentants de {K2} pays ont participé aux travaux, qui se sont tenus à huis clos pendant deux jours.", "Representatives of {K2} countries took part in the talks, held behind closed doors over two days.", "協議には{K2}か国の代表が参加し、2日間にわたり非公開で行われた。"),
    ("Dans un communiqué, {A} {A:a|ont} rappelé que {CL}.", "In a statement, {A} recalled that {CL}.", "{A}は声明で、{CL}と指摘した。"),
    ("Le calendrier prévoit une première évaluation en {MON} {Y}, puis un rapport public un an plus tard.", "The timetable provides for a first review in {MON} {Y}, then a public report a year later.", "日程では、{Y}年{MON}に最初の評価を行い、その1年後に報告書を公表する。"),
    ("La décision a été prise après {EV}, sur fond de vives critiques {Cin}.", "The decision was taken after {EV}, amid sharp criticism {Cin}.", "この決定は、{C}で批判が高まるなか、{EV}を受けて下された。"),
    ("Le texte devra encore être examiné par {A2}, qui doit se prononcer d’ici {MON}.", "The text must still be examined by {A2}, which is due to decide by {MON}.", "文書はさらに{A2}の審査を受ける必要があり、{MON}までに判断が示される見通しだ。"),
    ("Cette initiative s’inscrit dans une stratégie plus large lancée en {Y0}.", "The initiative is part of a broader strategy launched in {Y0}.", "この取り組みは、{Y0}年に始まったより広範な戦略の一環だ。"),
    ("À {CITY}, où se tenait la réunion, les délégations ont insisté sur {ST}.", "In {CITY}, where the meeting was held, the delegations stressed {ST}.", "会合が開かれた{CITY}では、各国代表団が{ST}を強調した。"),
]
ANALYSIS = [
    ("Pour {E}, l’enjeu est surtout {ST}.", "For {E}, what is at stake is above all {ST}.", "{E}にとって、最大の焦点は{ST}だ。"),
    ("{E} {E:estime|estiment} que {CL}.", "{E} {E:believes|believe} that {CL}.", "{E}は、{CL}とみている。"),
    ("Reste à savoir si {A} {A:pourra|pourront} tenir ce calendrier.", "It remains to be seen whether {A} can keep to this timetable.", "{A}がこの日程を守れるかどうかは、なお見通せない。"),
    ("Le choix {Cde} tranche avec la ligne suivie jusqu’ici par ses voisins.", "The choice of {C} contrasts with the line its neighbours have followed so far.", "{C}の選択は、近隣諸国がこれまでとってきた路線とは一線を画す。"),
    ("À court terme, {O} {O:pèsera|pèseront} sur {ST}.", "In the short term, {O} will weigh on {ST}.", "短期的には、{O}が{ST}に影響を及ぼすだろう。"),
    ("Plusieurs questions restent ouvertes, à commencer par {ST}.", "Several questions remain open, starting with {ST}.", "{ST}をはじめ、いくつかの問題が残されている。"),
    ("Dans ce contexte, {CL}.", "In this context, {CL}.", "こうした中、{CL}。"),
    ("{A} {A:mise|misent} sur {O} pour rassurer {A:ses|leurs} partenaires.", "{A} {A:is|are} counting on {O} to reassure {A:its|their} partners.", "{A}は{O}によってパートナーを安心させたい考えだ。"),
    ("Le précédent de {Y0} invite toutefois à la prudence.", "The precedent of {Y0} nevertheless calls for caution.", "ただし、{Y0}年の前例を踏まえれば慎重な見方も必要だ。"),
    ("Sur le terrain, {E} {E:décrit|décrivent} une situation plus nuancée que ne le laisse entendre le communiqué officiel.",
     "On the ground, {E} {E:describes|describe} a more nuanced situation than the official statement suggests.",
     "現地では、{E}が公式発表よりも複雑な状況を伝えている。"),
    ("Les marchés ont réagi avec prudence\u00a0: l’indice principal a reculé de {D}\u00a0% dans la journée.", "Markets reacted cautiously: the main index fell {D}% on the day.", "市場の反応は慎重で、主要株価指数はその日{D}%下落した。"),
    ("La décision pourrait aussi relancer le débat sur {ST}.", "The decision could also revive the debate over {ST}.", "この決定は、{ST}をめぐる議論を再燃させる可能性もある。"),
    ("Il serait pourtant imprudent d’y voir un tournant\u00a0: {CL}.", "It would be unwise to see this as a turning point: {CL}.", "とはいえ、これを転換点とみるのは早計だ。{CL}。"),
    ("{E} {E:rappelle|rappellent} que {A} {A:avait|avaient} déjà promis des mesures comparables en {Y0}.", "{E} {E:points|point} out that {A} had already promised similar measures in {Y0}.", "{E}は、{A}が{Y0}年にも同様の措置を約束していたと指摘する。"),
    ("La réaction {A2de} sera déterminante dans les semaines qui viennent.", "The response of {A2} will be decisive in the coming weeks.", "今後数週間は{A2}の対応が鍵を握る。"),
    ("Sur le fond, {O} {O:répond|répondent} à une demande ancienne des partenaires {Cde}.", "In substance, {O} {O:meets|meet} a long-standing request from the partners of {C}.", "実質的には、{O}は{C}の協力国の長年の要望に応えるものだ。"),
    ("Les chiffres disponibles invitent à la nuance\u00a0: {CL}.", "The available figures call for nuance: {CL}.", "入手できる数字からは慎重な評価が必要だ。{CL}。"),
    ("Il faudra aussi compter avec {ST}, un sujet que le communiqué évoque à peine.", "{ST} will also count, a subject the statement barely mentions.", "声明がほとんど触れていない{ST}も無視できない。"),
    ("Pour {C2}, l’enjeu est d’une autre nature\u00a0: {CL}.", "For {C2}, the stakes are different: {CL}.", "{C2}にとっては、問題の性質が異なる。{CL}。"),
    ("Cette prudence s’explique aussi par le calendrier politique {Cde}.", "This caution is also explained by the political calendar {Cde}.", "こうした慎重さは、{C}の政治日程からも説明できる。"),
]
KEY_POINTS = [
    ("{O}\u00a0: une annonce {Ade} le {DAY} {MON}.", "{O}: announced by {A} on {MON} {DAY}.", "{O}：{MON}{DAY}日に{A}が発表。"),
    ("Montant en jeu\u00a0: {N} milliards de dollars.", "Amount at stake: {N} billion dollars.", "対象金額：{N}0億ドル。"),
    ("Pays concernés\u00a0: {CLIST}.", "Countries involved: {CLIST}.", "関係国：{CLIST}。"),
    ("Prochaine étape\u00a0: une réunion à {CITY} en {MON}.", "Next step: a meeting in {CITY} in {MON}.", "次の段階：{MON}に{CITY}で会合。"),
    ("Point de vigilance\u00a0: {ST}.", "Point to watch: {ST}.", "注目点：{ST}。"),
    ("Position {Cde}\u00a0: {CL}.", "Position of {C}: {CL}.", "{C}の立場：{CL}。"),
    ("Contexte\u00a0: {EV}.", "Background: {EV}.", "背景：{EV}。"),
    ("Vote\u00a0: {V1} voix pour, {V2} contre.", "Vote: {V1} in favour, {V2} against.", "採決：賛成{V1}、反対{V2}。"),
    ("Calendrier\u00a0: entrée en vigueur prévue en {MON} {Y}.", "Timetable: entry into force planned for {MON} {Y}.", "日程：{Y}年{MON}に発効予定。"),
    ("Acteurs\u00a0: {A} et {A2}.", "Players: {A} and {A2}.", "主な当事者：{A}と{A2}。"),
    ("Réunion\u00a0: à {CITY}, en présence de représentants de {K2} pays.", "Meeting: in {CITY}, with representatives of {K2} countries.", "会合：{CITY}で開催、{K2}か国の代表が出席。"),
]
CONCLUSION = [
    ("Au bout du compte, {CL}.", "In the end, {CL}.", "結局のところ、{CL}。"),
    ("Nous suivrons la suite des discussions, attendue en {MON}.", "We will follow the next round of talks, expected in {MON}.", "{MON}に予定される次の協議も引き続き注視したい。"),
    ("Le véritable test sera {ST}.", "The real test will be {ST}.", "真の試金石となるのは{ST}だ。"),
    ("Pour {C}, le pari est risqué mais cohérent.", "For {C}, the gamble is risky but consistent.", "{C}にとって、これは危険だが筋の通った賭けだ。"),
    ("{O} ne {O:réglera|régleront} pas tout, mais {CL}.", "{O} will not settle everything, but {CL}.", "{O}ですべてが解決するわけではないが、{CL}。"),
    ("Les prochaines semaines diront si {A} {A:a|ont} les moyens de {A:ses|leurs} ambitions.", "The coming weeks will show whether {A} {A:has|have} the means to match {A:its|their} ambitions.", "{A}が目標に見合う手段を持っているかどうかは、今後数週間で明らかになる。"),
    ("D’ici là, {CL}.", "Until then, {CL}.", "それまでの間、{CL}。"),
]
TITLES = [
    ("{Cn}\u00a0: {A} {A:annonce|annoncent} {O}", "{Cn}: {A} {A:announces|announce} {O}", "{C}、{A}が{O}を発表"),
    ("À {CITY}, {O} au cœur des discussions", "In {CITY}, {O} at the heart of talks", "{CITY}で{O}が焦点に"),
    ("{A} {A:dévoile|dévoilent} {O}", "{A} {A:unveils|unveil} {O}", "{A}、{O}を公表"),
    ("Ce que change {O} pour {C}", "What {O} changes for {C}", "{O}は{C}に何をもたらすか"),
    ("{O}\u00a0: {C} et {C2} cherchent un compromis", "{O}: {C} and {C2} seek a compromise", "{O}、{C}と{C2}が妥協点を模索"),
    ("{Cn}\u00a0: {O} divise la classe politique", "{Cn}: {O} divides the political class", "{C}、{O}をめぐり政界が分裂"),
    ("{O}\u00a0: le pari {Cde}", "{O}: the gamble {Cde}", "{O}、{C}の賭け"),
    ("Après {EV}, {O} sur la table", "After {EV}, {O} on the table", "{EV}を受け、{O}が議題に"),
    ("{CITY} accueille les discussions sur {O}", "{CITY} hosts talks on {O}", "{CITY}で{O}をめぐる協議"),
]
QUOTES = [
    ("Nous avons fait le plus difficile, il reste à convaincre", "We have done the hardest part; now we have to convince", "最も難しい部分は終えた。あとは説得するだけだ"),
    ("Personne ne gagne à une escalade", "Nobody wins from an escalation", "緊張の激化で得をする者はいない"),
    ("Les chiffres parlent d’eux-mêmes", "The figures speak for themselves", "数字がすべてを物語っている"),
    ("Ce n’est qu’un premier pas", "This is only a first step", "これは第一歩にすぎない"),
]
# (id, fr, en, ja) of each section; the id is the heading's anchor.
HEADINGS = {
    "context": (("Contexte et arrière-plan", "Background and context", "背景"), ("Le contexte", "The context", "これまでの経緯")),
    "analysis": (("Analyse", "Analysis", "分析"), ("Notre analyse", "Our analysis", "編集部の分析")),
    "key-points": (("Points clés", "Key points", "要点"),),
    "data": (("Données et faits", "Data and facts", "データと事実"), ("En chiffres", "In figures", "数字で見る")),
    "related": (("Actualités connexes", "Related news", "関連ニュース"),),
    "conclusion": (("Conclusion", "Conclusion", "結び"), ("Ce qu’il faut retenir", "The takeaway", "まとめ")),
}
TABLE_HEADERS = {"fr": ("Année", "Variation"), "en": ("Year", "Change"), "ja": ("年", "前年比")}
UNIT_SHORT = {"pct": ("%", "%", "%"), "mt": ("Mt", "Mt", "百万トン"), "bn": ("Md$", "$bn", "10億ドル"),
              "people": ("milliers", "thousands", "千人"), "gw": ("GW", "GW", "GW")}
SITE = {
    "fr": ("Le Fil du monde", "L’actualité internationale résumée à la source, puis commentée.", "Français", "fr-FR"),
    "en": ("The World Wire", "International news summarised from the source, then explained.", "English", "en-US"),
    "ja": ("ワールド・ワイヤー", "国際ニュースを一次情報から要約し、解説します。", "日本語", "ja-JP"),
}
HOME_TEXT = {
    "fr": "Chaque jour, nous lisons les sources officielles du monde entier, nous les résumons et nous les commentons.",
    "en": "Every day we read official sources from around the world, summarise them and comment on them.",
    "ja": "世界各地の公式発表を毎日読み、要約し、解説しています。",
}
ABOUT = {
    "fr": ("À propos", "Ce site est un corpus de démonstration : ses articles sont assemblés à partir de listes de mots."),
    "en": ("About", "This site is a demonstration corpus: its articles are assembled from word lists."),
    "ja": ("このサイトについて", "このサイトはデモ用のコーパスで、記事は単語リストから組み立てられています。"),
}
UNIT_BASE = {"pct": 4.0, "mt": 300.0, "bn": 40.0, "people": 250.0, "gw": 20.0}
IMAGES = 12  # static/illustrations/figure-01.svg ... (drawn below)


# ------------------------------------------------------------------ helpers

def li(lang):
    return LANGS.index(lang)


def fr_forms(code, rest):
    """The French forms of a noun phrase: subject, after "de", after "à", "in" (for countries)."""
    subj = {"m": "le ", "f": "la ", "v": "l’", "p": "les ", "0": ""}[code] + rest
    de = {"m": "du ", "f": "de la ", "v": "de l’", "p": "des ", "0": "de "}[code] + rest
    inside = {"m": "au ", "f": "en ", "v": "en ", "p": "aux ", "0": "à "}[code] + rest
    return subj, de, inside


def country_slots(region):
    """Slot values naming a country: C (subject), Cn (bare name), Cde, Cin; per language."""
    _, fr, code, en, the, ja = region
    subj, de, inside = fr_forms(code, fr)
    en_full = ("the " if the else "") + en
    return {
        "C": (subj, en_full, ja),
        "Cn": (fr, en, ja),
        "Cde": (de, "of " + en_full, ja),
        "Cin": (inside, "in " + en_full, ja + "で"),
    }


def actor_slots(actor, country, city):
    """Slot values of an actor: the phrase (A) and its French form after "de" (Ade)."""
    code, rest, en, ja, plural = actor
    c = country_slots(country)
    rest = rest.replace("{Cde}", c["Cde"][0]).replace("{CITY}", city[0])
    en = en.replace("{C}", c["C"][1]).replace("{CITY}", city[1])
    ja = ja.replace("{C}", c["C"][2]).replace("{CITY}", city[2])
    subj, de, _ = fr_forms(code, rest)
    return (subj, en, ja), (de, en, ja), plural


SLOT = re.compile(r"\{(\w+)(?::([^}|]*)\|([^}]*))?\}")


def fill(template, lang, slots, plural, cap=True):
    """Fills a template's slots for one language; capitalises the first letter unless cap is false."""
    i = li(lang)

    def one(m):
        name, singular_form, plural_form = m.groups()
        if singular_form is not None:
            return plural_form if plural.get(name) else singular_form
        value = slots[name]
        return value[i] if isinstance(value, tuple) else str(value)

    text = SLOT.sub(one, template)
    return text[:1].upper() + text[1:] if cap else text


def decimal(x, lang, digits=1):
    s = f"{x:.{digits}f}"
    return s.replace(".", ",") if lang == "fr" else s


def quantity(x, unit, lang):
    """A value with its unit, as each language writes it."""
    if unit == "pct":
        return {"fr": decimal(x, lang) + "\u00a0%", "en": decimal(x, lang) + "%", "ja": decimal(x, lang) + "%"}[lang]
    if unit == "mt":
        return {"fr": f"{x:.0f} millions de tonnes", "en": f"{x:.0f} million tonnes", "ja": f"{x:.0f}百万トン"}[lang]
    if unit == "bn":
        return {"fr": decimal(x, lang) + " milliards de dollars", "en": decimal(x, lang) + " billion dollars",
                "ja": f"{round(x * 10)}億ドル"}[lang]
    if unit == "people":
        n = round(x) * 1000
        return {"fr": f"{n:,}".replace(",", "\u00a0") + " personnes", "en": f"{n:,} people", "ja": f"{n / 10000:g}万人"}[lang]
    return decimal(x, lang) + " GW"


def join_list(items, lang):
    if lang == "ja":
        return "、".join(items)
    last = " et " if lang == "fr" else " and "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + last + items[-1]


def slugify(text):
    text = unicodedata.normalize("NFKD", text.replace("’", " ").replace("œ", "oe"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def paris_offset(day):
    """Europe/Paris offset on a date: +02:00 from the last Sunday of March to the last of October."""
    def last_sunday(month):
        d = dt.date(day.year, month, 31)
        return d - dt.timedelta(days=(d.weekday() + 1) % 7)
    return "+02:00" if last_sunday(3) <= day < last_sunday(10) else "+01:00"


# ------------------------------------------------------------------ the articles

class Article:
    """One article: the choices made for it, rendered in any of the three languages."""

    def __init__(self, index, seed, when, draw_tag):
        rng = random.Random(f"{seed}:{index}")
        self.rng = rng
        self.index = index
        self.when = when
        cat = rng.choice(CATEGORIES)
        self.category = cat[0]
        # Regions: the first is the article's country; some countries come up more often.
        weights = [3 if r[0] in ("us", "cn", "fr", "jp", "de", "in", "ru", "ua", "br", "gb") else 1 for r in REGIONS]
        picked = []
        wanted = rng.choice((1, 1, 2, 2, 2, 3, 3, 4))
        while len(picked) < wanted:
            r = rng.choices(REGIONS, weights)[0]
            if r not in picked:
                picked.append(r)
        self.regions = picked
        country = picked[0]
        other = picked[1] if len(picked) > 1 else rng.choice([r for r in REGIONS if r is not country])
        self.city = rng.choice(CITIES)
        # Tags: one or two on the category's topics, the others drawn from all 300.
        tags = [f"{topic}-{rng.choice(ASPECTS)[0]}" for topic in rng.sample(cat[4], rng.choice((1, 2)))]
        wanted = rng.choice((2, 3, 3, 3, 4, 4))
        while len(tags) < wanted:
            t = draw_tag(rng)
            if t not in tags:
                tags.append(t)
        self.tags = tags
        year = when.year
        c2 = country_slots(other)
        obj = rng.choice(OBJECTS[self.category])
        o_fill = {"B": rng.randint(2, 90), "Y2": rng.choice((2030, 2035, 2040, 2050)), "C2": c2["C"]}
        self.obj = tuple(fill(o, lang, o_fill, {}, cap=False) for o, lang in zip(obj[:3], LANGS))
        self.obj_plural = obj[3]
        # Who acts in the article: the main actor, of its country, comes up most.
        main = actor_slots(rng.choice(COUNTRY_ACTORS), country, self.city)
        self.actors = [main]
        for actor in rng.sample(COUNTRY_ACTORS, 2) + rng.sample(INSTITUTIONS, 2):
            a = actor_slots(actor, other if actor in COUNTRY_ACTORS else country, self.city)
            if a[0] not in [b[0] for b in self.actors]:
                self.actors.append(a)
        self.experts = [actor_slots(e, country, self.city) for e in rng.sample(EXPERTS, 3)]
        prev = when - dt.timedelta(days=rng.randint(1, 3))
        month = rng.randint(0, 11)
        self.slots = {
            **country_slots(country),
            "C2": c2["C"], "A": main[0], "Ade": main[1], "O": self.obj,
            "CITY": self.city, "W": WEEKDAYS[prev.weekday()], "DAY": prev.day, "EV": rng.choice(EVENTS),
            "MON": (MONTHS[month][0], MONTHS[month][1], f"{month + 1}月"),
            "Y": year + rng.choice((0, 1)), "Y0": year - rng.randint(2, 12), "N": rng.randint(2, 40),
            "K": rng.choice((2, 3, 5, 10)), "K2": rng.randint(3, 40), "V1": rng.randint(180, 320), "V2": rng.randint(60, 170),
            "D": tuple(decimal(rng.uniform(0.3, 4.5), lang) for lang in LANGS),
            "CLIST": tuple(join_list([country_slots(r)["Cn"][i] for r in picked], lang) for i, lang in enumerate(LANGS)),
        }
        self.plural = {"A": main[2], "O": obj[3]}
        self.source = rng.choice(SOURCES)
        self.source_date = prev
        self.indicator = rng.choice(INDICATORS)
        self.series = self.make_series()
        self.decks = {}
        self.title_t = rng.choice(TITLES)
        self.description_t = rng.choice(NEWS[:2])
        self.image = rng.randint(1, IMAGES) if rng.random() < 0.3 else None
        self.plan = self.make_plan()

    def draw(self, templates):
        """The next template of a list, in an order of the article's own: no repeat before all were used."""
        deck = self.decks.setdefault(id(templates), [])
        if not deck:
            deck.extend(self.rng.sample(templates, len(templates)))
        return deck.pop()

    def pick(self, templates, n):
        """n sentences: templates with the actors, expert, stake, clause and event of each."""
        rng = self.rng
        out = []
        for _ in range(n):
            a, a2 = rng.sample(self.actors, 2) if rng.random() < 0.4 else (self.actors[0], rng.choice(self.actors[1:]))
            e = rng.choice(self.experts)
            slots = {"A": a[0], "Ade": a[1], "A2": a2[0], "A2de": a2[1], "E": e[0],
                     "ST": rng.choice(STAKES), "CL": rng.choice(CLAUSES), "EV": rng.choice(EVENTS)}
            plural = {"A": a[2], "A2": a2[2], "E": e[2], "O": self.obj_plural}
            if rng.random() < 0.4:
                slots["O"], plural["O"] = rng.choice(ANAPHORA), False
            out.append((self.draw(templates), slots, plural))
        return out

    def make_plan(self):
        """The article's structure: summary paragraphs and sections, as lists of blocks."""
        rng = self.rng
        plan = {"summary": [self.pick(NEWS, rng.randint(3, 4)), self.pick(NEWS, rng.randint(2, 3))]}
        sections = ["context", "analysis", "key-points"]
        extra = rng.random()
        sections += ["data", "related"] if extra < 0.4 else (["data"] if extra < 0.7 else ["related"])
        sections.append("conclusion")
        body = []
        for s in sections:
            blocks = []
            if s == "context":
                for p in range(rng.randint(3, 5)):
                    blocks.append(("p", self.pick(NEWS, rng.randint(7, 9))))
                    if p == 0 and rng.random() < 0.2:
                        blocks.append(("image", rng.randint(1, IMAGES)))
            elif s == "analysis":
                for p in range(rng.randint(3, 4)):
                    blocks.append(("p", self.pick(ANALYSIS, rng.randint(8, 10))))
                    if p == 0 and rng.random() < 0.2:
                        blocks.append(("quote", (rng.choice(QUOTES), rng.choice(self.experts))))
                    if p == 1 and rng.random() < 0.4:
                        blocks.append(("ul", self.pick(ANALYSIS, rng.randint(3, 4))))
                if rng.random() < 0.5:
                    blocks.append(("source-link", None))
            elif s == "key-points":
                n = rng.randint(7, 9)
                points = self.pick(KEY_POINTS, n // 2 + 1) + self.pick(NEWS, n - n // 2 - 1)
                blocks.append(("ul", rng.sample(points, len(points))))
            elif s == "data":
                blocks.append(("data", self.data_rows()))
                if rng.random() < 0.15:
                    blocks.append(("table", None))
                if rng.random() < 0.1:
                    blocks.append(("code", rng.choice(("json", "python", "bash", "sql", "toml"))))
            elif s == "related":
                blocks.append(("p", self.pick(ANALYSIS, rng.randint(2, 3))))
                blocks.append(("related", rng.randint(1, 3)))
            else:
                for _ in range(2):
                    blocks.append(("p", self.pick(CONCLUSION, rng.randint(3, 4))))
            body.append((s, rng.choice(HEADINGS[s]), blocks))
        return {**plan, "body": body}

    def make_series(self):
        """Yearly values of the article's indicator, for its table and code."""
        rng = self.rng
        base = UNIT_BASE[self.indicator[4]]
        values = []
        v = base * rng.uniform(0.4, 1.6)
        for y in range(self.when.year - rng.randint(4, 6), self.when.year):
            values.append((y, v))
            v *= rng.uniform(0.85, 1.2)
        return values

    def data_rows(self):
        rng = self.rng
        rows = []
        for ind in rng.sample(INDICATORS, rng.randint(5, 7)):
            rows.append((ind, UNIT_BASE[ind[4]] * rng.uniform(0.3, 2), rng.uniform(0.8, 1.15)))
        return rows

    def sentences(self, picked, lang):
        out = [fill(t[li(lang)], lang, {**self.slots, **slots}, plural) for t, slots, plural in picked]
        return ("" if lang == "ja" else " ").join(out)

    # -- rendering

    def title(self, lang):
        return fill(self.title_t[li(lang)], lang, self.slots, self.plural)

    def description(self, lang):
        return fill(self.description_t[li(lang)], lang, self.slots, self.plural)

    def summary(self, lang):
        return "\n\n".join(self.sentences(p, lang) for p in self.plan["summary"])

    def source_url(self):
        return f"https://{self.source[0]}.example.org/news/{self.source_date:%Y/%m}/{self.slug}"

    def body(self, lang, link):
        """The Markdown body; link(stem, lang) gives the address of another article."""
        i = li(lang)
        out = []
        for sid, heading, blocks in self.plan["body"]:
            out.append(f"## {heading[i]} {{#{sid}}}")
            for kind, arg in blocks:
                if kind == "p":
                    out.append(self.sentences(arg, lang))
                elif kind == "ul":
                    out.append("\n".join("- " + self.sentences([item], lang) for item in arg))
                elif kind == "image":
                    out.append(self.figure(arg, lang))
                elif kind == "quote":
                    said, expert = arg
                    who = fill("{E}", lang, {"E": expert[0]}, {})
                    quote = {"fr": f"«\u00a0{said[0]}\u00a0»", "en": f"“{said[1]}”", "ja": f"「{said[2]}」"}[lang]
                    out.append(f"> {quote}\n>\n> — {who}")
                elif kind == "source-link":
                    name, url = self.source[1], self.source_url()
                    out.append({"fr": f"Le texte intégral est disponible sur [le site de la source]({url}) ({name}).",
                                "en": f"The full text is available on [the source’s website]({url}) ({name}).",
                                "ja": f"全文は[情報源のウェブサイト]({url})（{name}）で読める。"}[lang])
                elif kind == "data":
                    out.append("\n".join(self.data_item(row, lang) for row in arg))
                elif kind == "table":
                    out.append(self.table(lang))
                elif kind == "code":
                    out.append(self.code(arg, lang))
                elif kind == "related":
                    links = [f"[{title}]({link(stem, target_lang)})" for stem, target_lang, title in self.related(arg, lang)]
                    if links:
                        lead = {"fr": "Sur le même sujet, lire aussi ", "en": "On the same subject, see also ", "ja": "関連記事："}[lang]
                        out.append(lead + join_list(links, lang) + ("。" if lang == "ja" else "."))
        return "\n\n".join(out) + "\n"

    def figure(self, n, lang):
        name = self.indicator[li(lang) + 1]
        country = self.slots["Cin"][li(lang)] if lang != "ja" else self.slots["C"][2]
        alt = {"fr": f"{name[:1].upper()}{name[1:]} {country}", "en": f"{name[:1].upper()}{name[1:]} {country}",
               "ja": f"{country}の{name}"}[lang]
        caption = {"fr": f"Source\u00a0: {self.source[1]}.", "en": f"Source: {self.source[1]}.", "ja": f"出典：{self.source[1]}"}[lang]
        return f'![{alt}](/illustrations/figure-{n:02}.svg "{caption}")'

    def data_item(self, row, lang):
        ind, v, ratio = row
        name = ind[li(lang) + 1]
        year = self.when.year - 1
        q, q0 = quantity(v, ind[4], lang), quantity(v / ratio, ind[4], lang)
        return "- " + {"fr": f"{name[:1].upper()}{name[1:]}\u00a0: {q} en {year}, contre {q0} un an plus tôt.",
                       "en": f"{name[:1].upper()}{name[1:]}: {q} in {year}, against {q0} a year earlier.",
                       "ja": f"{name}：{year}年は{q}（前年は{q0}）。"}[lang]

    def table(self, lang):
        year_h, change_h = TABLE_HEADERS[lang]
        name, unit = self.indicator[li(lang) + 1], UNIT_SHORT[self.indicator[4]][li(lang)]
        rows = [f"| {year_h} | {name[:1].upper()}{name[1:]} ({unit}) | {change_h} |", "| --- | ---: | ---: |"]
        prev = None
        for y, v in self.series:
            change = "–" if prev is None else ("+" if v >= prev else "−") + decimal(abs(v - prev), lang)
            rows.append(f"| {y} | {decimal(v, lang)} | {change} |")
            prev = v
        return "\n".join(rows)

    def code(self, kind, lang):
        key, country = self.indicator[0], self.regions[0][0]
        values = ", ".join(f"{y}: {v:.1f}" for y, v in self.series)
        comment = {"fr": ("Variation annuelle de l’indicateur", "Télécharger la série depuis la source", "Les valeurs publiées"),
                   "en": ("Year-on-year change of the indicator", "Download the series from the source", "The published values"),
                   "ja": ("指標の前年比", "情報源から系列をダウンロードする", "公表された値")}[lang]
        if kind == "json":
            pairs = ",\n    ".join(f'"{y}": {v:.1f}' for y, v in self.series)
            text = f'{{\n  "indicator": "{key}",\n  "country": "{country}",\n  "values": {{\n    {pairs}\n  }}\n}}'
        elif kind == "python":
            text = (f"# {comment[0]}\nvalues = {{{values}}}\nyears = sorted(values)\n"
                    "for previous, current in zip(years, years[1:]):\n"
                    "    change = values[current] - values[previous]\n"
                    '    print(f"{current}: {change:+.1f}")')
        elif kind == "bash":
            text = (f"# {comment[1]}\ncurl -s \"https://data.example.org/api/v1/series?country={country}&indicator={key}\" \\\n"
                    "  | jq -r '.values | to_entries[] | \"\\(.key) \\(.value)\"'")
        elif kind == "sql":
            text = (f"-- {comment[2]}\nSELECT year, value\nFROM indicators\n"
                    f"WHERE country = '{country}' AND indicator = '{key}'\nORDER BY year;")
        else:
            rows = "\n".join(f"{y} = {v:.1f}" for y, v in self.series)
            text = f"# {comment[2]}\n[{key}.{country}]\n{rows}"
        return f"```{kind}\n{text}\n```"

    def related(self, n, lang):
        """n earlier articles: (stem, language of the linked file, its title)."""
        if self.index == 0:
            return []
        rng = random.Random(f"related:{self.index}")
        out = []
        for j in sorted({rng.randrange(self.index) for _ in range(n)}):
            other = self.corpus[j]
            target = lang if lang in other.langs else "fr"
            out.append((other.stem, target, other.title(target)))
        return out


class Corpus:
    def __init__(self, n, seed):
        rng = random.Random(seed)
        n_en, n_ja = round(n * 0.10), round(n * 0.05)
        n_fr = max(n - n_en - n_ja, 1 if n else 0)
        n_en = min(n_en, n_fr)
        n_ja = n - n_fr - n_en
        # Tags are used unevenly: the k-th most common about 1/sqrt(k) as often.
        all_tags = [f"{t[0]}-{a[0]}" for t in TOPICS for a in ASPECTS]
        rng.shuffle(all_tags)
        tag_weights = [1 / (k + 1) ** 0.5 for k in range(len(all_tags))]

        def draw_tag(r):
            return r.choices(all_tags, tag_weights)[0]

        start, days = dt.date(2022, 1, 3), 4 * 365
        self.articles = []
        slugs = set()
        for i in range(n_fr):
            day = start + dt.timedelta(days=i * days // max(n_fr, 1))
            r = random.Random(f"{seed}:time:{i}")
            when = dt.datetime(day.year, day.month, day.day, r.randint(6, 21), r.choice((0, 15, 30, 45)))
            a = Article(i, seed, when, draw_tag)
            slug = "-".join(slugify(a.title("fr")).split("-")[:7])
            base, k = slug, 2
            while slug in slugs:
                slug, k = f"{base}-{k}", k + 1
            slugs.add(slug)
            a.slug = slug
            a.stem = f"{day:%Y-%m-%d}-{slug}"
            a.langs = ["fr"]
            a.corpus = self.articles
            self.articles.append(a)
        for a in rng.sample(self.articles, n_en):
            a.langs.append("en")
        for a in rng.sample(self.articles, n_ja):
            a.langs.append("ja")


# ------------------------------------------------------------------ writing

def date_time(a):
    return f"{a.when:%Y-%m-%dT%H:%M:00}{paris_offset(a.when.date())}"


def front_matter(a, lang, flavor):
    """The front matter's lines: the same fields in both flavors, in each one's names."""
    lines = [
        f"title = {toml_str(a.title(lang))}",
        f"date = {date_time(a)}",
    ]
    if flavor == "hugo":
        lines.append(f"slug = {toml_str(a.slug)}")
    lines += [
        f"description = {toml_str(a.description(lang))}",
        f"categories = [{toml_str(a.category)}]" if flavor == "hugo" else f"category = {toml_str(a.category)}",
        "tags = [" + ", ".join(toml_str(t) for t in a.tags) + "]",
        "regions = [" + ", ".join(toml_str(r[0]) for r in a.regions) + "]",
    ]
    if a.image:
        alt = {"fr": "Illustration\u00a0: ", "en": "Illustration: ", "ja": "イラスト："}[lang] + a.slots["Cn"][li(lang)]
        lines.append(f'image = {{ src = "/illustrations/figure-{a.image:02}.svg", alt = {toml_str(alt)} }}')
    summary_key = "newsSummary" if flavor == "hugo" else "summary"
    lines.append(f'{summary_key} = """\n{a.summary(lang)}\n"""')
    lines += [
        "",
        "[source]",
        f"name = {toml_str(a.source[1])}",
        f"url = {toml_str(a.source_url())}",
        f"published = {a.source_date:%Y-%m-%d}",
        f"language = {toml_str(a.source[2])}",
    ]
    return "+++\n" + "\n".join(lines) + "\n+++\n\n"


def broadsheet_link(stem, lang):
    return f"@/articles/{stem}{'' if lang == 'fr' else '.' + lang}.md"


def hugo_link(stem, lang):
    return f'{{{{< relref path="/articles/{stem}.md" lang="{lang}" >}}}}'


def names_table(kind, key, names):
    inner = ", ".join(f"{lang} = {toml_str(name)}" for lang, name in zip(LANGS, names))
    return f"[{kind}.{key}]\nname = {{ {inner} }}\n"


def tag_names(topic, aspect):
    return (f"{topic[1]}\u00a0: {aspect[1]}", f"{topic[2]}: {aspect[2]}", f"{topic[3]}{aspect[3]}")


def site_toml():
    out = [
        f"title = {toml_str(SITE['fr'][0])}",
        f"description = {toml_str(SITE['fr'][1])}",
        f'base_url = "{BASE_URL}"',
        'default_language = "fr"',
        "paginate_by = 20",
        'timezone = "Europe/Paris"',
        "",
    ]
    for lang in LANGS:
        title, desc, name, locale = SITE[lang]
        out += [f"[languages.{lang}]", f"name = {toml_str(name)}", f"title = {toml_str(title)}",
                f"description = {toml_str(desc)}", f'locale = "{locale}"', ""]
    for r in REGIONS:
        out.append(names_table("regions", r[0], (r[1], r[3], r[5])))
    for c in CATEGORIES:
        out.append(names_table("categories", c[0], c[1:4]))
    for t in TOPICS:
        for a in ASPECTS:
            out.append(names_table("tags", f"{t[0]}-{a[0]}", tag_names(t, a)))
    return "\n".join(out)


def hugo_toml():
    out = [
        f'baseURL = "{BASE_URL}/"',
        f"title = {toml_str(SITE['fr'][0])}",
        'defaultContentLanguage = "fr"',
        "hasCJKLanguage = true",
        "paginate = 20",
        "enableRobotsTXT = true",
        'timeZone = "Europe/Paris"',
        "",
        "[permalinks]",
        'articles = "/articles/:slug/"',
        "",
        "[taxonomies]",
        'tag = "tags"',
        'region = "regions"',
        'category = "categories"',
        "",
        "[outputs]",
        'home = ["HTML", "RSS"]',
        'section = ["HTML"]',
        'taxonomy = ["HTML"]',
        'term = ["HTML", "RSS"]',
        "",
        "[markup.highlight]",
        "noClasses = false",
        "[markup.goldmark.renderer]",
        "unsafe = true",
        "[markup.tableOfContents]",
        "startLevel = 2",
        "endLevel = 2",
        "",
    ]
    for weight, lang in enumerate(LANGS, 1):
        title, desc, name, locale = SITE[lang]
        i = li(lang)
        out += [f"[languages.{lang}]", f"weight = {weight}", f"languageName = {toml_str(name)}",
                f"title = {toml_str(title)}", f'languageCode = "{locale}"', f"[languages.{lang}.params]",
                f"description = {toml_str(desc)}", f"[languages.{lang}.params.regions]"]
        out += [f"{r[0]} = {toml_str((r[1], r[3], r[5])[i])}" for r in REGIONS]
        out.append(f"[languages.{lang}.params.categories]")
        out += [f"{c[0]} = {toml_str(c[1 + i])}" for c in CATEGORIES]
        out.append(f"[languages.{lang}.params.tags]")
        out += [f'"{t[0]}-{a[0]}" = {toml_str(tag_names(t, a)[i])}' for t in TOPICS for a in ASPECTS]
        out.append("")
    return "\n".join(out)


def svg(n):
    """A small chart or map, different for each n."""
    r = random.Random(f"figure:{n}")
    bars = "".join(
        f'<rect x="{40 + k * 60}" y="{200 - h}" width="40" height="{h}" fill="#{r.randrange(0x303030, 0xc0c0c0):06x}"/>'
        for k, h in enumerate(r.randint(30, 160) for _ in range(8))
    )
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 560 240" width="560" height="240">'
            f'<rect width="560" height="240" fill="#f6f4ef"/>{bars}'
            f'<line x1="30" y1="200" x2="540" y2="200" stroke="#333"/></svg>\n')


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def prepare(out, force):
    if out.exists() and any(out.iterdir()):
        if not force:
            sys.exit(f"{out} is not empty (pass --force to replace a corpus this script wrote there)")
        if not (out / MARKER).exists():
            sys.exit(f"{out} is not empty and was not written by this script: not replacing it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("Written by benches/corpus.py; --force replaces this folder.\n", encoding="utf-8")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, required=True, help="content files under content/articles/")
    p.add_argument("--out", required=True, help="the folder to write the site into")
    p.add_argument("--flavor", choices=("broadsheet", "hugo"), required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--force", action="store_true", help="replace a corpus this script wrote before")
    args = p.parse_args()
    if args.articles < 0:
        sys.exit("--articles must be 0 or more")
    out = Path(args.out)
    prepare(out, args.force)
    corpus = Corpus(args.articles, args.seed)
    hugo = args.flavor == "hugo"
    link = hugo_link if hugo else broadsheet_link

    for n in range(1, IMAGES + 1):
        write(out / "static" / "illustrations" / f"figure-{n:02}.svg", svg(n))
    for lang in LANGS:
        suffix = "" if lang == "fr" else f".{lang}"
        title = SITE[lang][0]
        write(out / "content" / f"_index{suffix}.md", f"+++\ntitle = {toml_str(title)}\n+++\n\n{HOME_TEXT[lang]}\n")
        about_title, about_text = ABOUT[lang]
        # A plain page at /about/: content/pages/ for broadsheet, the content root for Hugo.
        about = out / "content" / ("" if hugo else "pages") / f"about{suffix}.md"
        write(about, f"+++\ntitle = {toml_str(about_title)}\n+++\n\n{about_text}\n")
        if hugo:
            # The articles' section needs no page of its own: the home lists them.
            write(out / "content" / "articles" / f"_index{suffix}.md", '+++\n[_build]\nrender = "never"\n+++\n')

    files = dict.fromkeys(LANGS, 0)
    for a in corpus.articles:
        for lang in a.langs:
            suffix = "" if lang == "fr" else f".{lang}"
            text = front_matter(a, lang, args.flavor) + a.body(lang, link)
            write(out / "content" / "articles" / f"{a.stem}{suffix}.md", text)
            files[lang] += 1

    if hugo:
        write(out / "hugo.toml", hugo_toml())
        for part in ("layouts", "i18n", "static"):
            shutil.copytree(HERE / "hugo" / part, out / part, dirs_exist_ok=True)
    else:
        write(out / "site.toml", site_toml())
    print(f"{sum(files.values())} article files (French {files['fr']}, English {files['en']}, Japanese {files['ja']})"
          f" written to {out} for {args.flavor}")


if __name__ == "__main__":
    main()
