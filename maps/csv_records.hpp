#pragma once
// RFC 4180 CSV records for the planners' and the center's small input files (points, hospitals):
// quoted fields (with "" for a quote, and line breaks inside), CRLF, a UTF-8 byte order mark and
// blank lines tolerated. Each record knows the line it starts on, for error messages.
#include <string>
#include <string_view>
#include <vector>

namespace ems120 {

struct CsvRecord {
    int line = 0;  // line the record starts on (a quoted field may span lines)
    std::vector<std::string> fields;
};

// Throws InputError naming `path` and the line for a quote never closed or text after a closing quote.
std::vector<CsvRecord> parse_csv_records(std::string_view text, const std::string& path);

// Checks a coordinate; `what` is "latitude" or "longitude", `shown` the value as written.
// Returns an error message, empty when the value is fine.
std::string coordinate_error(double value, double limit, const char* what, const std::string& shown);

// A latitude or longitude field ("+" allowed); throws InputError prefixed with `where`
// ("PATH:LINE: ") when it is empty, not a number or beyond +-`limit`.
double parse_csv_coordinate(std::string_view text, double limit, const char* what, const std::string& where);

}  // namespace ems120
