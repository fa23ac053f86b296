#include "dispatch/console_files.hpp"

#include <array>
#include <utility>

#include "maps/ascii_text.hpp"
#include "maps/binary_file.hpp"
#include "maps/input_error.hpp"

namespace ems120::dispatch {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxFileBytes = 64u << 20;  // a built console is a few MB; more is not ours

ConsoleFileAnswer failed(int status, std::string error) {
    ConsoleFileAnswer a;
    a.status = status;
    a.error = std::move(error);
    return a;
}

// Whether `inner` (canonical) lies inside `outer` (canonical).
bool inside(const fs::path& outer, const fs::path& inner) {
    auto o = outer.begin(), i = inner.begin();
    for (; o != outer.end(); ++o, ++i)
        if (i == inner.end() || *o != *i) return false;
    return i != inner.end();
}

}  // namespace

const char* const kConsoleNotBuiltPage =
    "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>ems120: console not built</title></head>\n"
    "<body><h1>console not built: run scripts/build</h1>\n"
    "<p>The dispatcher serves the browser console from its <code>--console</code> directory, which has no "
    "index.html. The HTTP API is at <a href=\"/api/health\">/api/</a> (docs/http-api.md).</p></body></html>\n";

std::string content_type_for(const fs::path& file) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kTypes{{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".webmanifest", "application/manifest+json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".ico", "image/x-icon"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".wasm", "application/wasm"},
    }};
    const std::string extension = ascii_lower(file.extension().string());
    for (const auto& [ext, type] : kTypes)
        if (ext == extension) return std::string(type);
    return "application/octet-stream";
}

bool ConsoleFiles::built() const {
    std::error_code ec;
    return !directory_.empty() && fs::is_regular_file(directory_ / "index.html", ec);
}

ConsoleFileAnswer ConsoleFiles::read(std::string_view url_path) const {
    if (url_path.empty() || url_path.front() != '/') return failed(400, "the path must start with '/'");
    std::string_view relative = url_path.substr(1);
    const bool index = relative.empty() || relative == "index.html";
    if (relative.empty()) relative = "index.html";
    // Segment by segment, before the file system sees anything: no way up, no hidden files, no
    // bytes a file name here never has.
    fs::path wanted;
    for (std::size_t start = 0; start <= relative.size();) {
        const auto end = std::min(relative.find('/', start), relative.size());
        const std::string_view segment = relative.substr(start, end - start);
        if (segment == ".." || segment == ".") return failed(400, "the path may not leave the console's directory ('..' or '.')");
        if (segment.empty() || segment.front() == '.') return failed(404, "no such file in the console: " + std::string(url_path));
        if (segment.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos)
            return failed(400, "the path has a byte no console file name has");
        wanted /= std::string(segment);
        start = end + 1;
    }
    if (!built()) {
        ConsoleFileAnswer a = failed(404, "console not built: run scripts/build (no index.html in " + directory_.string() + ")");
        a.console_missing = true;
        return a;
    }
    std::error_code ec;
    const fs::path root = fs::canonical(directory_, ec);
    if (ec) return failed(404, "console not built: run scripts/build");
    const fs::path file = fs::canonical(root / wanted, ec);
    // A symbolic link may point anywhere: what counts is where the file really is.
    if (ec || !inside(root, file) || !fs::is_regular_file(file, ec))
        return failed(404, "no such file in the console: " + std::string(url_path));
    const auto size = fs::file_size(file, ec);
    if (ec || size > kMaxFileBytes) return failed(404, "no such file in the console: " + std::string(url_path));
    ConsoleFileAnswer a;
    try {
        a.body = read_whole_file(file.string());
    } catch (const InputError&) {
        return failed(404, "the console file cannot be read: " + std::string(url_path));
    }
    a.content_type = content_type_for(file);
    a.is_index = index;
    return a;
}

}  // namespace ems120::dispatch
