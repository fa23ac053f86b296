#include "vehicle_agent/nmea_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <string_view>

#include "maps/input_error.hpp"
#include "vehicle_agent/nmea_file_source.hpp"
#include "vehicle_agent/nmea_serial_source.hpp"
#include "vehicle_agent/nmea_tcp_source.hpp"
#include "vehicle_agent/route_points.hpp"
#include "vehicle_agent/serial_port.hpp"

namespace ems120::agent {
namespace {

using Source = std::unique_ptr<InputSource<protocol::PositionFix>>;

constexpr const char* kKinds =
    "expected nmea:-, nmea:PATH, nmea:DEVICE@BAUD, nmea-tcp:HOST:PORT, route:LAT,LON;LAT,LON... or route:FILE.geojson";

std::optional<int> parse_int(std::string_view text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// Every message starts with the spec as given, so a user with several sources sees which one.
[[noreturn]] void fail(const std::string& spec, const std::string& what) {
    throw InputError("position source '" + spec + "': " + what);
}

Source open_nmea(const std::string& spec, std::string path, const PositionSourceOptions& options) {
    if (path.empty()) fail(spec, "no file or device after 'nmea:' (use nmea:- for standard input)");
    if (path == "-") {
        // A duplicate, so the source may close its descriptor without closing the agent's stdin.
        UniqueFd in(::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0));
        if (!in) fail(spec, std::string("cannot use standard input: ") + std::strerror(errno));
        return std::make_unique<NmeaFileSource>(std::move(in), "standard input", options.pace,
                                                options.max_sentence_bytes);
    }

    // DEVICE@BAUD; a file name may contain '@' too, so only digits after the last one count.
    std::optional<int> baud;
    if (const auto at = path.rfind('@'); at != std::string::npos && at + 1 < path.size()) {
        const std::string suffix = path.substr(at + 1);
        if (suffix.find_first_not_of("0123456789") == std::string::npos) {
            baud = parse_int(suffix);
            if (!baud || !is_supported_baud(*baud))
                fail(spec, "unsupported baud rate " + suffix +
                               " (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800 or 921600)");
            path.resize(at);
        }
    }

    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) fail(spec, "cannot open " + path + ": " + std::strerror(errno));
    if (S_ISDIR(st.st_mode)) fail(spec, "cannot read " + path + ": is a directory");
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
    if (!fd) fail(spec, "cannot open " + path + ": " + std::strerror(errno));
    if (::isatty(fd.get())) {
        fd.reset();  // the serial source opens and sets up the line itself, and reopens it later
        try {
            return std::make_unique<NmeaSerialSource>(path, baud.value_or(kDefaultNmeaBaud), options.retry,
                                                      options.max_sentence_bytes);
        } catch (const InputError& e) {
            fail(spec, e.what());
        }
    }
    // Not a terminal: a file, a FIFO, or a device that needs no line settings, such as Linux's
    // GNSS subsystem's /dev/gnss0.
    if (baud) fail(spec, path + " is not a serial device; @BAUD applies only to one");
    return std::make_unique<NmeaFileSource>(std::move(fd), path, options.pace, options.max_sentence_bytes);
}

Source open_tcp(const std::string& spec, std::string_view address, const PositionSourceOptions& options) {
    std::string host;
    std::string_view port_text;
    if (address.starts_with('[')) {  // [2001:db8::1]:10110
        const auto close = address.find(']');
        if (close == std::string_view::npos || address.substr(close + 1, 1) != ":")
            fail(spec, "expected nmea-tcp:[IPV6]:PORT");
        host = address.substr(1, close - 1);
        port_text = address.substr(close + 2);
    } else {
        const auto colon = address.rfind(':');
        if (colon == std::string_view::npos) fail(spec, "expected nmea-tcp:HOST:PORT");
        host = address.substr(0, colon);
        port_text = address.substr(colon + 1);
        if (host.find(':') != std::string::npos)
            fail(spec, "write an IPv6 address in brackets: nmea-tcp:[ADDRESS]:PORT");
    }
    if (host.empty()) fail(spec, "no host before the port");
    const auto port = parse_int(port_text);
    if (!port || *port < 1 || *port > 65535)
        fail(spec, "port '" + std::string(port_text) + "' is not a number from 1 to 65535");
    return std::make_unique<NmeaTcpSource>(host, static_cast<unsigned short>(*port), options.retry,
                                           options.max_sentence_bytes);
}

Source open_route(const std::string& spec, const std::string& text, const PositionSourceOptions& options) {
    if (text.empty()) fail(spec, "no points or GeoJSON file after 'route:'");
    try {
        return std::make_unique<RouteSimulator>(read_route(text), options.route);
    } catch (const InputError& e) {
        fail(spec, e.what());
    }
}

}  // namespace

Source open_position_source(const std::string& spec, const PositionSourceOptions& options) {
    if (!std::isfinite(options.pace) || options.pace < 0) fail(spec, "pace must be 0 (as fast as read) or more");
    const std::string_view s = spec;
    if (s.starts_with("nmea:")) return open_nmea(spec, spec.substr(5), options);
    if (s.starts_with("nmea-tcp:")) return open_tcp(spec, s.substr(9), options);
    if (s.starts_with("route:")) return open_route(spec, spec.substr(6), options);
    fail(spec, std::string("unknown kind of source; ") + kKinds);
}

}  // namespace ems120::agent
