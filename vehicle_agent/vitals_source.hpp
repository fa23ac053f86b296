#pragma once
// Where the agent's vital signs come from, chosen by one spec string (`--vitals SPEC`):
//   none                                  no vitals (the agent does not offer them to the center)
//   simulate                              a simulated patient with the defaults
//   simulate:KEY=VALUE,...                deterioration=0.5, interval=2000 (ms),
//                                         nibp_interval=300000 (ms), seed=7, capnography=1,
//                                         incident=INC-1
//   jsonl:-                               JSON lines on standard input, from a monitor bridge
//   jsonl:PATH                            JSON lines from a file
// docs/vitals-input.md has the details and the JSON-lines format.
#include <memory>
#include <string>

#include "protocol/messages.hpp"
#include "vehicle_agent/input_source.hpp"

namespace ems120::agent {

struct VitalsSourceOptions {
    // The incident the crew is on: stamped on simulated readings (unless the spec says
    // incident=...) and on JSON lines that carry no "incident".
    std::string incident_id;
    int stdin_fd = 0;  // what jsonl:- reads: standard input; tests hand in a pipe
};

// The source `spec` names, or nullptr for "none". Throws InputError with one line naming the spec
// and what is wrong with it (unknown kind or setting, value out of range, file not readable).
std::unique_ptr<InputSource<protocol::Vitals>> open_vitals_source(const std::string& spec,
                                                                  const VitalsSourceOptions& options);

}  // namespace ems120::agent
