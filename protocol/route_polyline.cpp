#include "protocol/route_polyline.hpp"

#include <cmath>
#include <cstdint>

namespace ems120::protocol {

namespace {

constexpr double kScale = 1e6;
// 5 bits a character: 7 characters hold any zig-zagged difference of two coordinates (< 2^30).
constexpr int kMaxChunks = 7;

std::int64_t micro(double degrees) { return std::llround(degrees * kScale); }

void append_number(std::int64_t value, std::string& out) {
    std::uint64_t v = value < 0 ? ~(static_cast<std::uint64_t>(value) << 1) : static_cast<std::uint64_t>(value) << 1;
    while (v >= 0x20) {
        out.push_back(static_cast<char>((0x20 | (v & 0x1f)) + 63));
        v >>= 5;
    }
    out.push_back(static_cast<char>(v + 63));
}

// One zig-zagged number starting at text[i]; advances i.
std::optional<std::int64_t> read_number(std::string_view text, std::size_t& i, std::string& error) {
    std::uint64_t v = 0;
    for (int chunk = 0; chunk < kMaxChunks; ++chunk) {
        if (i >= text.size()) {
            error = "a number is cut short at the end";
            return std::nullopt;
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 63 || c > 126) {
            error = "byte " + std::to_string(i) + " is not a polyline character (63..126)";
            return std::nullopt;
        }
        ++i;
        const std::uint64_t bits = c - 63;
        v |= (bits & 0x1f) << (5 * chunk);
        if (!(bits & 0x20)) return (v & 1) ? -static_cast<std::int64_t>(v >> 1) - 1 : static_cast<std::int64_t>(v >> 1);
    }
    error = "a number longer than " + std::to_string(kMaxChunks) + " characters at byte " + std::to_string(i);
    return std::nullopt;
}

}  // namespace

LatLon to_micro_degrees(LatLon p) {
    return {static_cast<double>(micro(p.lat)) / kScale, static_cast<double>(micro(p.lon)) / kScale};
}

std::string encode_polyline6(std::span<const LatLon> points) {
    std::string out;
    out.reserve(points.size() * 6);
    std::int64_t lat = 0, lon = 0;
    for (const LatLon& p : points) {
        const std::int64_t next_lat = micro(p.lat), next_lon = micro(p.lon);
        append_number(next_lat - lat, out);
        append_number(next_lon - lon, out);
        lat = next_lat, lon = next_lon;
    }
    return out;
}

std::optional<std::vector<LatLon>> decode_polyline6(std::string_view text, std::size_t max_points, std::string& error) {
    error.clear();
    std::vector<LatLon> points;
    std::int64_t lat = 0, lon = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (points.size() == max_points) {
            error = "more than " + std::to_string(max_points) + " points";
            return std::nullopt;
        }
        const auto d_lat = read_number(text, i, error);
        if (!d_lat) return std::nullopt;
        if (i == text.size()) {
            error = "a latitude without its longitude at the end";
            return std::nullopt;
        }
        const auto d_lon = read_number(text, i, error);
        if (!d_lon) return std::nullopt;
        lat += *d_lat, lon += *d_lon;
        if (lat < -90'000'000 || lat > 90'000'000 || lon < -180'000'000 || lon > 180'000'000) {
            error = "point " + std::to_string(points.size() + 1) + " is not a coordinate";
            return std::nullopt;
        }
        points.push_back({static_cast<double>(lat) / kScale, static_cast<double>(lon) / kScale});
    }
    return points;
}

}  // namespace ems120::protocol
