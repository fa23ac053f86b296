#pragma once
// Strongly connected components of a directed graph in forward-star form (Tarjan's algorithm,
// iterative so a long road chain cannot overflow the call stack).
#include <cstdint>
#include <vector>

namespace ems120 {

struct Components {
    std::vector<std::uint32_t> of_node;  // component index of each node
    std::vector<std::uint32_t> size;     // nodes per component
};

Components strongly_connected_components(const std::vector<std::uint32_t>& first_out,
                                         const std::vector<std::uint32_t>& head);

}  // namespace ems120
