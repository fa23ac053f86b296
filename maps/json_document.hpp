#pragma once
// A planner's JSON file parsed whole, with one clear error for an empty or malformed file
// (nlohmann's message without its "[json.exception...]" prefix: it already says where).
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace ems120 {

// Throws InputError "PATH: empty file" or "PATH: invalid JSON: ..." .
nlohmann::json parse_json_document(const std::string& text, const std::string& path);

}  // namespace ems120
