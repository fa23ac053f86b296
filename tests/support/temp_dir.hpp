#pragma once
// A fresh directory under /tmp for one test, removed with everything in it at the end.
#include <filesystem>
#include <string>

namespace ems120::test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // Writes `content` to a file named `name` inside the directory and returns its full path.
    std::string write(const std::string& name, const std::string& content) const;
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

// Small OSM XML documents for fixtures: osm_xml(nodes_and_ways) wraps the body in <osm>.
std::string osm_xml(const std::string& body);

}  // namespace ems120::test
