#include "dispatch/place_directory.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "maps/osm_map.hpp"
#include "tests/routing/andorra_fixture.hpp"

using namespace ems120;
using namespace ems120::dispatch;

namespace {

const PlaceDirectory& andorra_places() {
    static const PlaceDirectory places(test::andorra().map.places);
    return places;
}

const OsmMap& longgang() {
    static const OsmMap map =
        read_osm_map(EMS120_SHARED_MAPS_DIR "/shenzhen-longgang.osm.pbf", RoadProfile::ambulance_default(), {1});
    return map;
}

MapPoint place(std::string id, std::string name, std::string kind, std::optional<std::int64_t> population = {}) {
    MapPoint p;
    p.source_id = std::move(id);
    p.name = std::move(name);
    p.kind = std::move(kind);
    p.population = population;
    return p;
}

// The candidates as text, for failure messages.
std::string listing(const PlaceDirectory& places, const PlaceLookup& found) {
    std::string text = std::to_string(found.total_matches) + " matches, " + std::to_string(found.exact_matches) + " exact\n";
    for (const PlaceMatch& m : found.candidates)
        text += places.point(m.index).source_id + " '" + m.matched_name + "' " + to_string(m.kind) + " d=" +
                std::to_string(m.distance) + " " + places.point(m.index).kind + "\n";
    return text;
}

std::string id_of(const PlaceDirectory& places, const PlaceMatch& m) { return places.point(m.index).source_id; }

std::string error_of(const PlaceDirectory& places, const std::string& query, LookupOptions options = {}) {
    try {
        places.find_name(query, options);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("Sant Julia de Loria is found however the call-taker types it", "[places]") {
    const PlaceDirectory& places = andorra_places();
    for (const std::string query : {"Sant Julià de Lòria", "sant julia de loria", "SANTJULIADELORIA", "Sant-Julià de Lòria",
                                    "  sant julià  de lòria ", "Sant Julia\xCC\x80 de Lo\xCC\x80ria" /* combining accents */}) {
        const PlaceLookup found = places.find_name(query);
        INFO("query '" << query << "'\n" << listing(places, found));
        REQUIRE(found.single_exact());
        CHECK(places.point(*found.single_exact()).source_id == "n64954486");
        CHECK(found.candidates.front().matched_name == "Sant Julià de Lòria");
        CHECK(found.candidates.front().kind == MatchKind::exact);
        CHECK_FALSE(found.ambiguous());
    }
}

TEST_CASE("two hamlets called l'Aldosa de Canillo make the name ambiguous", "[places]") {
    const PlaceDirectory& places = andorra_places();
    // The map writes a typographic apostrophe (U+2019); the call-taker types a straight one or none.
    for (const std::string query : {"l'Aldosa de Canillo", "laldosa de canillo", "L\xE2\x80\x99" "Aldosa de Canillo"}) {
        const PlaceLookup found = places.find_name(query);
        INFO("query '" << query << "'\n" << listing(places, found));
        CHECK(found.exact_matches == 2);
        CHECK(found.ambiguous());
        CHECK_FALSE(found.single_exact());
        REQUIRE(found.candidates.size() == 2);
        // Both hamlets without a population: the order falls to the id, the same every time.
        CHECK(id_of(places, found.candidates[0]) == "n64954422");
        CHECK(id_of(places, found.candidates[1]) == "n64954447");
    }
    // Typing on into the name's other word narrows nothing: still both, now as prefix matches.
    const PlaceLookup partial = places.find_name("l'Aldosa de Can");
    CHECK(partial.total_matches == 2);
    CHECK(partial.exact_matches == 0);
}

TEST_CASE("a started name lists the places it begins, the biggest kind first", "[places]") {
    const PlaceDirectory& places = andorra_places();
    const PlaceLookup found = places.find_name("sant");
    INFO(listing(places, found));
    REQUIRE(found.candidates.size() == 4);
    CHECK(found.exact_matches == 0);
    for (const PlaceMatch& m : found.candidates) CHECK(m.kind == MatchKind::prefix);
    // Town, then the two villages by id, then the hamlet.
    CHECK(found.candidates[0].matched_name == "Sant Julià de Lòria");
    CHECK(found.candidates[1].matched_name == "Sant Pere");
    CHECK(found.candidates[2].matched_name == "Santa Coloma");
    CHECK(found.candidates[3].matched_name == "Sant Joan de Caselles");

    const PlaceLookup one = places.find_name("sant", {.limit = 1});
    CHECK(one.candidates.size() == 1);
    CHECK(one.total_matches == 4);
}

TEST_CASE("a name said without its article is found from its second word", "[places]") {
    const PlaceDirectory& places = andorra_places();
    const PlaceLookup massana = places.find_name("Massana");
    INFO(listing(places, massana));
    REQUIRE(massana.candidates.size() == 1);
    CHECK(massana.candidates[0].matched_name == "La Massana");
    CHECK(massana.candidates[0].kind == MatchKind::word_prefix);
    const PlaceLookup escaldes = places.find_name("escaldes");
    REQUIRE_FALSE(escaldes.candidates.empty());
    CHECK(escaldes.candidates[0].matched_name == "les Escaldes");
}

TEST_CASE("one or two typing slips still find the place, short names allow only one", "[places]") {
    const PlaceDirectory& places = andorra_places();
    struct Case {
        std::string query, expected;
        std::uint32_t distance;
    };
    for (const Case& c : {Case{"Ordnio", "Ordino", 1},        // swapped letters
                          Case{"Canilo", "Canillo", 1},       // a letter missing
                          Case{"Encammp", "Encamp", 1},       // a letter too many
                          Case{"Ensamq", "Encamp", 2},        // two wrong letters in a six-letter name
                          Case{"Orts", "Erts", 1},            // one wrong letter in a four-letter name
                          Case{"sant julia de loira", "Sant Julià de Lòria", 1},
                          Case{"Masana", "La Massana", 1}}) {  // a slip in the second word
        const PlaceLookup found = places.find_name(c.query);
        INFO("query '" << c.query << "'\n" << listing(places, found));
        REQUIRE_FALSE(found.candidates.empty());
        CHECK(found.candidates[0].matched_name == c.expected);
        CHECK(found.candidates[0].kind == MatchKind::fuzzy);
        CHECK(found.candidates[0].distance == c.distance);
        CHECK_FALSE(found.single_exact());
    }
    // Two slips in a name of five letters or fewer are too many: "Ortz" is not "Erts".
    const PlaceLookup ortz = places.find_name("Ortz");
    INFO(listing(places, ortz));
    CHECK(std::none_of(ortz.candidates.begin(), ortz.candidates.end(),
                       [](const PlaceMatch& m) { return m.matched_name == "Erts"; }));
}

TEST_CASE("an exact match hides weaker ones unless every tier is asked for", "[places]") {
    const PlaceDirectory places({place("n1", "Pal", "village"), place("n2", "Palau", "town"), place("n3", "Pals", "hamlet"),
                                 place("n4", "Super Pal", "hamlet")});
    const PlaceLookup best = places.find_name("pal");
    INFO(listing(places, best));
    REQUIRE(best.single_exact());
    CHECK(best.candidates.size() == 1);
    const PlaceLookup all = places.find_name("pal", {.limit = 10, .all_tiers = true});
    INFO(listing(places, all));
    REQUIRE(all.candidates.size() == 4);
    CHECK(id_of(places, all.candidates[0]) == "n1");  // exact
    CHECK(id_of(places, all.candidates[1]) == "n2");  // prefix, town before hamlet
    CHECK(id_of(places, all.candidates[2]) == "n3");
    CHECK(id_of(places, all.candidates[3]) == "n4");  // word prefix
    CHECK(all.candidates[3].kind == MatchKind::word_prefix);
    CHECK(all.single_exact() == best.single_exact());
}

TEST_CASE("places of one name are ranked by population, then kind, then id", "[places]") {
    const PlaceDirectory places({place("n50", "Santa Maria", "village"), place("n40", "Santa Maria", "hamlet", 2000),
                                 place("n30", "Santa Maria", "town"), place("n20", "Santa Maria", "village", 500),
                                 place("n10", "Santa Maria", "city"), place("n05", "Santa Maria", "village")});
    const PlaceLookup found = places.find_name("santa maria");
    INFO(listing(places, found));
    CHECK(found.exact_matches == 6);
    std::vector<std::string> order;
    for (const PlaceMatch& m : found.candidates) order.push_back(id_of(places, m));
    CHECK(order == std::vector<std::string>{"n40", "n20", "n10", "n30", "n05", "n50"});
}

TEST_CASE("Catalan l·l and ligatures fold to plain letters", "[places]") {
    const PlaceDirectory places({place("n1", "Paral·lel", "village"), place("n2", "Æbeltoft", "town"),
                                 place("n3", "Straße", "hamlet"), place("n4", "Ħaż-Żebbuġ", "town")});
    CHECK(places.find_name("parallel").single_exact() == 0u);
    CHECK(places.find_name("PARAL.LEL").single_exact() == 0u);
    CHECK(places.find_name("aebeltoft").single_exact() == 1u);
    CHECK(places.find_name("strasse").single_exact() == 2u);
    CHECK(places.find_name("haz zebbug").single_exact() == 3u);  // Maltese ħ ż ġ
}

TEST_CASE("a place is found by its map id, exactly", "[places]") {
    const PlaceDirectory& places = andorra_places();
    const auto index = places.find_id("n64954486");
    REQUIRE(index);
    CHECK(places.point(*index).name == "Sant Julià de Lòria");
    CHECK(places.find_id("n58963219"));
    CHECK_FALSE(places.find_id("N64954486"));
    CHECK_FALSE(places.find_id("n6495448"));
    CHECK_FALSE(places.find_id(""));
    CHECK_FALSE(places.find_id("Sant Julià de Lòria"));
}

TEST_CASE("a query that cannot name a place is refused with a reason", "[places]") {
    const PlaceDirectory& places = andorra_places();
    CHECK_THAT(error_of(places, ""), Catch::Contains("empty"));
    CHECK_THAT(error_of(places, "   \t "), Catch::Contains("blank"));
    CHECK_THAT(error_of(places, "\xE3\x80\x80\xE3\x80\x80"), Catch::Contains("blank"));  // full-width spaces
    CHECK_THAT(error_of(places, "- ' ."), Catch::Contains("no letters"));
    CHECK_THAT(error_of(places, std::string(201, 'a')), Catch::Contains("too long"));
    CHECK_THAT(error_of(places, "Encamp\xC3"), Catch::Contains("UTF-8"));          // truncated sequence
    CHECK_THAT(error_of(places, "\xC0\xAF"), Catch::Contains("UTF-8"));            // overlong '/'
    CHECK_THAT(error_of(places, "\xED\xA0\x80"), Catch::Contains("UTF-8"));        // a surrogate
    CHECK_THAT(error_of(places, "\x80" "Encamp"), Catch::Contains("UTF-8"));       // stray continuation
    CHECK_THAT(error_of(places, "Enc\x01" "amp"), Catch::Contains("control"));
    CHECK_THAT(error_of(places, "Encamp", {.limit = 0}), Catch::Contains("limit"));
    // The limit is inclusive, and a query that finds nothing is an answer, not an error.
    CHECK_NOTHROW(places.find_name(std::string(200, 'a')));
    CHECK(places.find_name("Zzyzx").candidates.empty());
}

TEST_CASE("a village in Longgang is found by its Chinese name, a part of it, or with one wrong character", "[places]") {
    const PlaceDirectory places(longgang().places);
    const auto heao = std::find_if(places.points().begin(), places.points().end(),
                                   [](const MapPoint& p) { return p.name == "荷坳村"; });
    REQUIRE(heao != places.points().end());
    const std::size_t index = static_cast<std::size_t>(heao - places.points().begin());

    CHECK(places.find_name("荷坳村").single_exact() == index);
    CHECK(places.find_name(" 荷坳\xE3\x80\x80村 ").single_exact() == index);  // with a full-width space

    const PlaceLookup start = places.find_name("荷坳");
    REQUIRE(start.candidates.size() == 1);
    CHECK(start.candidates[0].kind == MatchKind::prefix);
    const PlaceLookup inside = places.find_name("坳村");  // Chinese has no word breaks: any part matches
    REQUIRE(inside.candidates.size() == 1);
    CHECK(inside.candidates[0].kind == MatchKind::word_prefix);

    const PlaceLookup slip = places.find_name("荷拗村");  // 拗 for 坳: one wrong character
    INFO(listing(places, slip));
    REQUIRE(slip.candidates.size() == 1);
    CHECK(slip.candidates[0].index == index);
    CHECK(slip.candidates[0].kind == MatchKind::fuzzy);
    CHECK(slip.candidates[0].distance == 1);
    CHECK(places.find_name("荷拗材").candidates.empty());  // two wrong characters
    CHECK(places.find_name("河").candidates.empty());      // one character: no typo tolerance
}

TEST_CASE("a Chinese place is found by its pinyin name:en, tone marks or not", "[places]") {
    // The Longgang extract has no name:en; the real village with the pinyin OSM would give it,
    // and a second one whose pinyin carries tone marks.
    std::vector<MapPoint> points = longgang().places;
    REQUIRE_FALSE(points.empty());
    for (MapPoint& p : points)
        if (p.name == "荷坳村") p.name_en = "He'ao Cun";
    MapPoint longgang_town = place("n900", "龙岗", "town", 400000);
    longgang_town.name_zh = "龙岗";
    longgang_town.name_en = "Lónggǎng";
    points.push_back(longgang_town);
    const PlaceDirectory places(points);

    const PlaceLookup heao = places.find_name("heao cun");
    INFO(listing(places, heao));
    REQUIRE(heao.single_exact());
    CHECK(heao.candidates[0].matched_name == "He'ao Cun");
    CHECK(places.find_name("Heaocun").single_exact() == heao.single_exact());

    CHECK(places.find_name("longgang").single_exact() == points.size() - 1);
    CHECK(places.find_name("龙岗").single_exact() == points.size() - 1);
    const PlaceLookup slip = places.find_name("longang");
    REQUIRE_FALSE(slip.candidates.empty());
    CHECK(slip.candidates[0].matched_name == "Lónggǎng");
    CHECK(slip.candidates[0].kind == MatchKind::fuzzy);
}

TEST_CASE("Andorra la Vella answers to its Chinese name as well", "[places]") {
    const PlaceDirectory& places = andorra_places();
    const PlaceLookup found = places.find_name("安道尔城");
    REQUIRE(found.single_exact());
    CHECK(places.point(*found.single_exact()).name == "Andorra la Vella");
    CHECK(found.candidates[0].matched_name == "安道尔城");
    CHECK(places.find_name("安道尔").candidates.at(0).kind == MatchKind::prefix);
}

TEST_CASE("lookups from several threads at once give the answers one thread gives", "[places]") {
    const PlaceDirectory& places = andorra_places();
    const std::vector<std::string> queries{"sant", "Ordnio", "l'aldosa de canillo", "massana", "安道尔城", "el", "les"};
    std::vector<std::vector<std::size_t>> expected;
    for (const std::string& q : queries) {
        std::vector<std::size_t> ids;
        for (const PlaceMatch& m : places.find_name(q).candidates) ids.push_back(m.index);
        expected.push_back(ids);
    }
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 200; ++round)
                for (std::size_t q = 0; q < queries.size(); ++q) {
                    std::vector<std::size_t> ids;
                    for (const PlaceMatch& m : places.find_name(queries[q]).candidates) ids.push_back(m.index);
                    if (ids != expected[q]) ++mismatches[t];
                }
        });
    for (std::thread& t : threads) t.join();
    CHECK(mismatches == std::vector<int>(4, 0));
}
