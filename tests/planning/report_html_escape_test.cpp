#include <catch2/catch.hpp>

#include "planning/report_html_escape.hpp"
#include "planning/report_number_text.hpp"

using namespace ems120;

TEST_CASE("report: a vandal's place name cannot open an element or an attribute", "[report]") {
    CHECK(html_escaped("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    CHECK(html_escaped("\" onmouseover=\"x") == "&quot; onmouseover=&quot;x");
    CHECK(html_escaped("Fish & Chips") == "Fish &amp; Chips");
    CHECK(html_escaped("&amp;") == "&amp;amp;");  // escaped once more, never taken as already escaped
}

TEST_CASE("report: Chinese and Catalan names pass through escaping unchanged", "[report]") {
    CHECK(html_escaped("索尔德乌急救分站") == "索尔德乌急救分站");
    CHECK(html_escaped("Sant Julià de Lòria") == "Sant Julià de Lòria");
    CHECK(html_escaped("") == "");
}

TEST_CASE("report: control characters HTML forbids become U+FFFD, tab and newline stay", "[report]") {
    CHECK(html_escaped(std::string("a\x01" "b\x7f" "c", 5)) == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
    CHECK(html_escaped(std::string("a\0b", 3)) == "a\xEF\xBF\xBD" "b");
    CHECK(html_escaped("a\tb\nc") == "a\tb\nc");
}

TEST_CASE("report: numbers are shown with fixed decimals, percentages and thousands separators", "[report]") {
    CHECK(fixed_text(12.345, 1) == "12.3");
    CHECK(fixed_text(-0.04, 1) == "0.0");
    CHECK(fixed_text(-1.25, 1) == "-1.2");
    CHECK(percent_text(52, 59) == "88.1%");
    CHECK(percent_text(3, 0) == "\xE2\x80\x93");
    CHECK(thousands_text(1234567) == "1,234,567");
    CHECK(thousands_text(999) == "999");
    CHECK(thousands_text(-1000) == "-1,000");
}
