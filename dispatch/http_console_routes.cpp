// The browser console's routes on the HTTP gateway: the map it draws (answered here, from the
// read-only ConsoleMap), the commands it sends the dispatcher, and its built files.
#include <charconv>
#include <cmath>
#include <variant>

#include "dispatch/http_gateway_impl.hpp"

namespace ems120::dispatch {

namespace {

constexpr std::size_t kMaxRoadPolylines = 30'000;
constexpr int kMaxIsochroneMinutes = 60;
constexpr int kMaxVitalsMinutes = 30;  // what the dispatcher keeps (dispatch/vitals_history)  // beyond, an area says nothing a dispatcher can use

// A whole decimal number, nothing before or after it.
std::optional<double> number_in(std::string_view text) {
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// "W,S,E,N" in degrees, west < east and south < north; the error message otherwise.
std::variant<LatLonBox, std::string> parse_bbox(const std::string& text) {
    std::array<double, 4> v{};
    std::size_t start = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const auto comma = text.find(',', start);
        if ((i < 3) == (comma == std::string::npos)) return "bbox takes four numbers W,S,E,N, not '" + text + "'";
        const auto value = number_in(std::string_view(text).substr(start, (i < 3 ? comma : text.size()) - start));
        if (!value) return "bbox takes four numbers W,S,E,N, not '" + text + "'";
        v[i] = *value;
        start = comma + 1;
    }
    if (!is_valid_lat_lon({v[1], v[0]}) || !is_valid_lat_lon({v[3], v[2]}))
        return "bbox '" + text + "' is not on the earth (longitudes -180..180, latitudes -90..90)";
    if (!(v[0] < v[2]) || !(v[1] < v[3])) return "bbox '" + text + "' is empty or inside out: west < east and south < north";
    LatLonBox box;
    box.extend({v[1], v[0]});
    box.extend({v[3], v[2]});
    return box;
}

}  // namespace

std::shared_ptr<const ConsoleMap> HttpGateway::Impl::map_or_reply(httplib::Response& r) const {
    std::shared_ptr<const ConsoleMap> map;
    {
        const std::lock_guard lock(console_map_mutex);
        map = console_map;
    }
    if (!map) reply_error(r, 503, "the dispatcher's map is still loading; try again in a few seconds");
    return map;
}

void HttpGateway::Impl::console_routes() {
    server.Get("/api/map/info", [this](const httplib::Request&, httplib::Response& r) {
        if (const auto map = map_or_reply(r)) reply_json(r, 200, map->info_json);
    });
    server.Get("/api/map/features", [this](const httplib::Request&, httplib::Response& r) {
        if (const auto map = map_or_reply(r)) reply_json(r, 200, map->features_json);
    });
    server.Get("/api/map/roads", [this](const httplib::Request& request, httplib::Response& r) {
        if (!request.has_param("bbox") || !request.has_param("zoom")) return reply_error(r, 400, "ask with ?bbox=W,S,E,N&zoom=Z");
        const auto box = parse_bbox(request.get_param_value("bbox"));
        if (const auto* error = std::get_if<std::string>(&box)) return reply_error(r, 400, *error);
        const std::string zoom_text = request.get_param_value("zoom");
        const auto zoom = number_in(zoom_text);
        if (!zoom || *zoom < 0 || *zoom > 22) return reply_error(r, 400, "zoom takes a number from 0 to 22, not '" + zoom_text + "'");
        const auto map = map_or_reply(r);
        if (!map) return;
        RoadsAnswer answer = road_polylines(*map->roads, std::get<LatLonBox>(box), static_cast<int>(std::floor(*zoom)), kMaxRoadPolylines);
        reply_json(r, 200, answer.json);
    });
    server.Post("/api/proposals", [this](const httplib::Request& request, httplib::Response& r) {
        const auto body = object_body(request, r, false);
        if (!body) return;
        ask({{"cmd", "propose"}, {"call", *body}}, r);
    });
    server.Get("/api/coverage/isochrones", [this](const httplib::Request& request, httplib::Response& r) {
        const auto map = map_or_reply(r);
        if (!map) return;
        double minutes = map->limit_min;
        if (request.has_param("minutes")) {
            const std::string text = request.get_param_value("minutes");
            const auto value = number_in(text);
            if (!value || *value <= 0 || *value > kMaxIsochroneMinutes)
                return reply_error(r, 400, "minutes takes a number above 0 and at most " + std::to_string(kMaxIsochroneMinutes) + ", not '" + text + "'");
            minutes = *value;
        }
        const auto free = ask_json({{"cmd", "free_units"}}, r);
        if (!free) return;
        FreeUnitPositions positions;
        positions.stamp = free->at("stamp").get<std::int64_t>();
        for (const auto& u : free->at("units"))
            positions.units.push_back({u.at("unit").get<std::string>(), {u.at("lat").get<double>(), u.at("lon").get<double>()}});
        const auto limit = static_cast<TravelTime>(std::llround(minutes * 60'000.0));
        reply_json(r, 200, isochrones.get(*map, positions, limit));
    });
    server.Post("/api/move-up", [this](const httplib::Request& request, httplib::Response& r) {
        const auto body = object_body(request, r, false);
        if (!body) return;
        if (!body->contains("unit") || !body->contains("station"))
            return reply_error(r, 400, "say which unit to which station: {\"unit\": \"A03\", \"station\": 2}");
        ask({{"cmd", "move_up"}, {"unit", (*body)["unit"]}, {"station", (*body)["station"]}}, r);
    });
    refuse_other_methods("/api/move-up", "POST");
    server.Get(R"(/api/units/([^/]{1,64})/vitals)", [this](const httplib::Request& request, httplib::Response& r) {
        double minutes = kMaxVitalsMinutes;
        if (request.has_param("minutes")) {
            const std::string text = request.get_param_value("minutes");
            const auto value = number_in(text);
            if (!value || *value <= 0 || *value > kMaxVitalsMinutes)
                return reply_error(r, 400, "minutes takes a number above 0 and at most " + std::to_string(kMaxVitalsMinutes) + ", not '" + text + "'");
            minutes = *value;
        }
        ask({{"cmd", "vitals"}, {"unit", request.matches[1].str()}, {"minutes", minutes}}, r);
    });
    refuse_other_methods(R"(/api/units/([^/]{1,64})/vitals)", "GET");
    for (const char* path : {"/api/map/info", "/api/map/features", "/api/map/roads", "/api/coverage/isochrones"})
        refuse_other_methods(path, "GET");
    refuse_other_methods("/api/proposals", "POST");
}

void HttpGateway::Impl::refuse_other_methods(const std::string& path, std::string_view allowed) {
    const auto not_allowed = [allowed = std::string(allowed)](const httplib::Request& request, httplib::Response& r) {
        r.set_header("Allow", allowed);
        reply_error(r, 405, request.method + " is not allowed on " + request.path + " (" + allowed + ")");
    };
    if (allowed.find("GET") == std::string_view::npos) server.Get(path, not_allowed);
    if (allowed.find("POST") == std::string_view::npos) server.Post(path, not_allowed);
    server.Put(path, not_allowed);
    server.Patch(path, not_allowed);
    server.Delete(path, not_allowed);
}

void HttpGateway::Impl::file_routes() {
    // Everything outside /api/ is the console; /api/ paths no route took are unknown endpoints,
    // never files.
    server.Get(R"(/(.*))", [this](const httplib::Request& request, httplib::Response& r) {
        if (request.path == "/api" || request.path.starts_with("/api/"))
            return reply_error(r, 404, "no such endpoint: GET " + request.path);
        ConsoleFileAnswer file = console_files.read(request.path);
        if (file.console_missing && (request.path == "/" || request.path == "/index.html")) {
            r.status = 404;
            r.set_header("Cache-Control", "no-cache");
            return r.set_content(kConsoleNotBuiltPage, "text/html; charset=utf-8");
        }
        if (file.status != 200) return reply_error(r, file.status, file.error);
        // index.html names the built scripts, whose names change with every build: always ask again.
        if (file.is_index) r.set_header("Cache-Control", "no-cache");
        r.set_header("X-Content-Type-Options", "nosniff");
        r.status = 200;
        r.set_content(std::move(file.body), file.content_type);
    });
    refuse_other_methods(R"(/(?!api(/|$)).*)", "GET");
}

}  // namespace ems120::dispatch
