#include "cli/output_format.hpp"

#include <cctype>
#include <filesystem>

#include "cli/command_line.hpp"

namespace ems120::cli {

OutputFormat format_of(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".geojson" || ext == ".json") return OutputFormat::geojson;
    if (ext == ".csv") return OutputFormat::csv;
    throw UsageError("--out " + path + ": the file name must end in .geojson, .json or .csv");
}

}  // namespace ems120::cli
