#include "maps/csv_records.hpp"

#include <charconv>
#include <cmath>

#include "maps/ascii_text.hpp"
#include "maps/input_error.hpp"

namespace ems120 {

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r") == std::string::npos; }

}  // namespace

std::vector<CsvRecord> parse_csv_records(std::string_view text, const std::string& path) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<CsvRecord> records;
    std::size_t i = 0;
    int line = 1;
    while (i < text.size()) {
        CsvRecord record{line, {}};
        while (true) {
            std::string field;
            if (i < text.size() && text[i] == '"') {
                ++i;
                while (true) {
                    if (i >= text.size())
                        throw InputError(path + ":" + std::to_string(record.line) + ": quoted field is never closed");
                    if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                    } else if (text[i] == '"') {
                        ++i;
                        break;
                    } else {
                        if (text[i] == '\n') ++line;
                        field += text[i++];
                    }
                }
                if (i < text.size() && text[i] == '\r') ++i;
                if (i < text.size() && text[i] != ',' && text[i] != '\n')
                    throw InputError(path + ":" + std::to_string(line) + ": unexpected text after a closing quote");
            } else {
                while (i < text.size() && text[i] != ',' && text[i] != '\n') field += text[i++];
                if (!field.empty() && field.back() == '\r') field.pop_back();
            }
            record.fields.push_back(std::move(field));
            if (i < text.size() && text[i] == ',') {
                ++i;
                continue;
            }
            if (i < text.size()) ++i;  // the '\n'
            ++line;
            break;
        }
        if (!(record.fields.size() == 1 && blank(record.fields[0]))) records.push_back(std::move(record));
    }
    return records;
}

std::string coordinate_error(double value, double limit, const char* what, const std::string& shown) {
    if (!std::isfinite(value)) return std::string(what) + " '" + shown + "' is not a finite number";
    if (value < -limit || value > limit) {
        const std::string l = std::to_string(static_cast<int>(limit));
        return std::string(what) + " " + shown + " is outside [-" + l + ", " + l + "]";
    }
    return {};
}

double parse_csv_coordinate(std::string_view text, double limit, const char* what, const std::string& where) {
    const std::string shown(text);
    if (text.empty()) throw InputError(where + what + " is empty");
    if (text.starts_with('+')) text.remove_prefix(1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size())
        throw InputError(where + what + " '" + shown + "' is not a number");
    if (const auto error = coordinate_error(value, limit, what, shown); !error.empty()) throw InputError(where + error);
    return value;
}

std::vector<std::optional<std::size_t>> find_csv_columns(const CsvRecord& header, std::span<const CsvColumn> wanted,
                                                         const std::string& path, std::string_view hint, bool strict) {
    const std::string where = path + ":" + std::to_string(header.line) + ": ";
    std::vector<std::optional<std::size_t>> found(wanted.size());
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const std::string label = ascii_lower(trim_blanks(header.fields[i]));
        std::size_t w = 0;
        while (w < wanted.size() && wanted[w].label != label) ++w;
        if (w == wanted.size()) {
            if (!strict) continue;
            std::string expected, optional;
            for (const CsvColumn& c : wanted) {
                std::string& list = c.required ? expected : optional;
                list += (list.empty() ? "" : ", ") + std::string(c.label);
            }
            throw InputError(where + "unknown column '" + label + "' (expected " + expected +
                             (optional.empty() ? "" : ", optionally " + optional) + ")");
        }
        if (found[w]) throw InputError(where + "column '" + label + "' appears twice in the header");
        found[w] = i;
    }
    std::string missing;
    for (std::size_t w = 0; w < wanted.size(); ++w)
        if (wanted[w].required && !found[w]) missing += (missing.empty() ? "" : ", ") + std::string(wanted[w].label);
    if (!missing.empty()) throw InputError(where + "header row lacks column(s) " + missing + " (" + std::string(hint) + ")");
    return found;
}

std::string csv_row_where(const CsvRecord& record, const CsvRecord& header, const std::string& path) {
    std::string where = path + ":" + std::to_string(record.line) + ": ";
    if (record.fields.size() != header.fields.size())
        throw InputError(where + "expected " + std::to_string(header.fields.size()) + " fields like the header, found " +
                         std::to_string(record.fields.size()));
    return where;
}

}  // namespace ems120
