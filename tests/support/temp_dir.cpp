#include "tests/support/temp_dir.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace ems120::test {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ems120-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
    const auto full = path_ / name;
    std::ofstream out(full, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + full.string());
    return full.string();
}

std::string osm_xml(const std::string& body) {
    return "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6' generator='ems120-tests'>\n" + body +
           "</osm>\n";
}

}  // namespace ems120::test
