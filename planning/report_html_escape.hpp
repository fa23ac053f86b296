#pragma once
// Every text a report puts into HTML comes from files or OSM (a place may be named
// "<script>" by a vandal): it is escaped for element content and quoted attribute values alike.
#include <string>
#include <string_view>

namespace ems120 {

// & < > " ' become character references; control characters other than tab and newline (which
// HTML forbids) become U+FFFD. UTF-8 passes through unchanged, so Chinese names stay readable.
std::string html_escaped(std::string_view text);

}  // namespace ems120
