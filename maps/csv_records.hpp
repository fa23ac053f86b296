#pragma once
// RFC 4180 CSV records for the planners' and the center's small input files (points, hospitals):
// quoted fields (with "" for a quote, and line breaks inside), CRLF, a UTF-8 byte order mark and
// blank lines tolerated. Each record knows the line it starts on, for error messages.
#include <optional>
#include <span>
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

// A column a reader looks for in the header row, by its label in lower case (the header's labels
// are compared trimmed and case-insensitively).
struct CsvColumn {
    std::string_view label;
    bool required = true;
};

// The header's index of each wanted column, in the order given (none for an absent optional one).
// Throws InputError "PATH:LINE: ..." for a label named twice, for required ones missing ("header
// row lacks column(s) lat, lon (HINT)") and, when `strict`, for a label not wanted at all.
std::vector<std::optional<std::size_t>> find_csv_columns(const CsvRecord& header, std::span<const CsvColumn> wanted,
                                                         const std::string& path, std::string_view hint,
                                                         bool strict = false);

// "PATH:LINE: " for a data record, the prefix of its error messages, once it is checked to have
// as many fields as the header (InputError otherwise).
std::string csv_row_where(const CsvRecord& record, const CsvRecord& header, const std::string& path);

// Checks a coordinate; `what` is "latitude" or "longitude", `shown` the value as written.
// Returns an error message, empty when the value is fine.
std::string coordinate_error(double value, double limit, const char* what, const std::string& shown);

// A latitude or longitude field ("+" allowed); throws InputError prefixed with `where`
// ("PATH:LINE: ") when it is empty, not a number or beyond +-`limit`.
double parse_csv_coordinate(std::string_view text, double limit, const char* what, const std::string& where);

}  // namespace ems120
