#pragma once
// Asks a running dispatcher over its control socket (REQ/REP, JSON both ways).
#include <string>

namespace ems120::cli {

// Returns the reply text; throws InputError when no dispatcher answers within timeout_ms or it
// replies {"error": ...}.
std::string ask_dispatcher(const std::string& endpoint, const std::string& request, int timeout_ms);

}  // namespace ems120::cli
