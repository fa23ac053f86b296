#pragma once
// The kind of table file `--out` names, by its extension: the coverage report and the siting
// answer both write GeoJSON or CSV.
#include <string>

namespace ems120::cli {

enum class OutputFormat { none, geojson, csv };

// .geojson or .json (any case) → geojson, .csv → csv; anything else is a UsageError naming --out.
OutputFormat format_of(const std::string& path);

}  // namespace ems120::cli
