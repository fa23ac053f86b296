#pragma once
// The demo's last line: how the simulated day went, from the dispatcher's own answers
// (GET /api/incidents and GET /api/kpis), so it shows what the center recorded, not what the
// demo believes it sent.
#include <optional>
#include <string>

namespace ems120::cli {

// "summary: 14 calls, 13 assigned, 5 completed, 0 cancelled; response median 7.9 min, p90 12.4 min,
//  92% within 15 min (of 12 reached); 6 of 14 units free" — from the two JSON bodies; the kpis
// part is left out when `kpis_json` is empty or unreadable. Nothing when `incidents_json` is not
// the incidents answer.
std::optional<std::string> summary_line(const std::string& incidents_json, const std::string& kpis_json);

}  // namespace ems120::cli
