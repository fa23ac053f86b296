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

}  // namespace ems120
