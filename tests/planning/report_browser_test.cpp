// The report as a planner sees it: rendered by Debian's headless Chromium from the file alone,
// the screenshot checked for the map's colours, the DOM for the SVG Chromium parsed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "planning/report_palette.hpp"
#include "tests/cli/cli_test_support.hpp"
#include "tests/planning/report_png_image.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

const char* const kChromium = "/usr/bin/chromium";

std::string data_file(const std::string& name) { return std::string(EMS120_SOURCE_DIR) + "/tests/planning/data/" + name; }

// Kept for a person to look at after the run (build/report-screenshots/, not committed).
std::filesystem::path screenshot_dir() {
    const auto dir = std::filesystem::path(EMS120_BIN).parent_path().parent_path() / "report-screenshots";
    std::filesystem::create_directories(dir);
    return dir;
}

std::vector<std::string> chromium_args(const TempDir& profile, std::vector<std::string> extra, const std::string& html) {
    std::vector<std::string> args{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                  "--user-data-dir=" + (profile.path() / "profile").string(), "--window-size=1280,2400"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("file://" + html);
    return args;
}

struct MapRegion {
    std::uint32_t x0 = UINT32_MAX, y0 = UINT32_MAX, x1 = 0, y1 = 0;
    bool found() const { return x1 > x0 && y1 > y0; }
};

// The map's background colour is used nowhere else: its bounding box is the map.
MapRegion find_map(const RgbImage& image) {
    const auto bg = palette::kMapBackground;
    MapRegion r;
    for (std::uint32_t y = 0; y < image.height; ++y)
        for (std::uint32_t x = 0; x < image.width; ++x)
            if (near_colour(image.at(x, y), bg.r, bg.g, bg.b, 1)) {
                r.x0 = std::min(r.x0, x), r.x1 = std::max(r.x1, x);
                r.y0 = std::min(r.y0, y), r.y1 = std::max(r.y1, y);
            }
    return r;
}

std::size_t count_colour(const RgbImage& image, const MapRegion& r, palette::Rgb c) {
    std::size_t n = 0;
    for (std::uint32_t y = r.y0; y <= r.y1; ++y)
        for (std::uint32_t x = r.x0; x <= r.x1; ++x) n += near_colour(image.at(x, y), c.r, c.g, c.b, 6) ? 1 : 0;
    return n;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("report: headless Chromium draws the Andorra report's map with green, amber, red places and both symbols",
          "[report][browser]") {
    REQUIRE(std::filesystem::exists(kChromium));  // scripts/install-deps installs the chromium package
    TempDir dir;
    const std::string html = dir.file("andorra-report.html");
    const CommandResult made = run_ems120({"report", "--map", bundled_map(), "--stations", data_file("report_stations.csv"),
                                           "--sites", data_file("report_sites.geojson"), "--simulation",
                                           data_file("report_simulation.json"), "--title", "Andorra: 15-minute coverage",
                                           "--out", html});
    INFO(describe(made));
    REQUIRE(made.exit_code == 0);

    const std::string png = (screenshot_dir() / "andorra-report.png").string();
    std::filesystem::remove(png);
    const CommandResult shot = run_command(kChromium, chromium_args(dir, {"--screenshot=" + png}, html), 90);
    INFO(describe(shot));
    REQUIRE(shot.exit_code == 0);
    const RgbImage image = read_png(png);
    CHECK(image.width == 1280);
    CHECK(image.height == 2400);

    // Not blank: plenty of pixels that are neither white nor the page's background grey.
    std::size_t inked = 0;
    for (std::uint32_t y = 0; y < image.height; y += 2)
        for (std::uint32_t x = 0; x < image.width; x += 2) inked += image.at(x, y)[0] < 200 ? 1 : 0;
    CHECK(inked > 10000);

    const MapRegion map = find_map(image);
    REQUIRE(map.found());
    INFO("map at " << map.x0 << "," << map.y0 << " .. " << map.x1 << "," << map.y1);
    CHECK(map.x1 - map.x0 > 900);  // the map spans the page's width
    CHECK(map.y1 - map.y0 > 500);
    CHECK(map.y0 < 600);  // near the top, under the summary

    // 59 places from one station in Andorra la Vella: most green, 8 amber, 3 red (each dot ~60 px
    // of solid colour); the station a 14 px square; two proposed diamonds and their gained rings.
    const std::size_t green = count_colour(image, map, palette::kWithin);
    const std::size_t amber = count_colour(image, map, palette::kAmber);
    const std::size_t red = count_colour(image, map, palette::kBeyond);
    const std::size_t station = count_colour(image, map, palette::kStation);
    const std::size_t proposed = count_colour(image, map, palette::kProposed);
    INFO("pixels: green " << green << ", amber " << amber << ", red " << red << ", station " << station
                          << ", proposed " << proposed);
    CHECK(green > 40 * 30);
    CHECK(amber > 5 * 30);
    CHECK(red > 2 * 30);
    CHECK(green > 3 * (amber + red));
    CHECK(station > 80);
    CHECK(station < 600);  // one station, not a blue map
    CHECK(proposed > 2 * 100);
}

TEST_CASE("report: Chromium parses the report's SVG elements and shows names as text, not markup",
          "[report][browser]") {
    REQUIRE(std::filesystem::exists(kChromium));
    TempDir dir;
    const std::string html = dir.file("report.html");
    const CommandResult made = run_ems120({"report", "--map", bundled_map(), "--stations", data_file("report_stations.csv"),
                                           "--sites", data_file("report_sites.geojson"), "--simulation",
                                           data_file("report_simulation.json"), "--out", html});
    INFO(describe(made));
    REQUIRE(made.exit_code == 0);
    const CommandResult dom = run_command(kChromium, chromium_args(dir, {"--dump-dom"}, html), 90);
    INFO(describe(dom).substr(0, 4000));
    REQUIRE(dom.exit_code == 0);
    const std::string& d = dom.out;
    CHECK(count_of(d, "<svg class=\"map\"") == 1);
    CHECK(count_of(d, "<svg class=\"chart\"") == 4);  // histogram, cumulative share, two simulation runs
    CHECK(count_of(d, "<circle") >= 59);              // a dot per place
    CHECK(count_of(d, "<polygon points=") >= 2);      // the proposed sites
    CHECK(count_of(d, "<path class=\"road\"") >= 3);
    CHECK(contains(d, "索尔德乌急救分站 Soldeu"));
    // The station's name has "<b>" in it: text for the DOM, never an element.
    CHECK(contains(d, "Andorra la Vella &lt;b&gt;central&lt;/b&gt;"));
    CHECK_FALSE(contains(d, "<b>central</b>"));
}
