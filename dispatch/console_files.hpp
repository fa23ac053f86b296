#pragma once
// The browser console's built files (index.html, scripts, styles), served by the HTTP gateway
// from one directory and nothing outside it: a path with a ".." or "." segment is refused, and
// a file reached through a symbolic link must still lie inside the directory once resolved.
//
//   ConsoleFiles files("build/console");
//   ConsoleFileAnswer a = files.read("/assets/app.js");  // status 200, bytes and Content-Type
#include <filesystem>
#include <string>
#include <string_view>

namespace ems120::dispatch {

struct ConsoleFileAnswer {
    int status = 200;           // 200, 400 (a path that tries to leave the directory), 404
    std::string body;           // the file; empty on errors
    std::string content_type;   // from the extension
    std::string error;          // for people, when status != 200
    bool is_index = false;      // index.html: the console's entry page, never cached
    bool console_missing = false;  // the directory has no index.html: the console was not built
};

class ConsoleFiles {
public:
    // `directory` need not exist yet (the console may be built after the dispatcher started).
    explicit ConsoleFiles(std::filesystem::path directory) : directory_(std::move(directory)) {}

    // `url_path` as the server decoded it ("/", "/index.html", "/assets/app.js").
    ConsoleFileAnswer read(std::string_view url_path) const;
    const std::filesystem::path& directory() const { return directory_; }
    // Whether the directory holds a built console (an index.html).
    bool built() const;

private:
    std::filesystem::path directory_;
};

// "text/html; charset=utf-8", "text/javascript", ...; "application/octet-stream" when unknown.
std::string content_type_for(const std::filesystem::path& file);

// The page GET / answers while there is no console to serve.
extern const char* const kConsoleNotBuiltPage;

}  // namespace ems120::dispatch
