#pragma once
// Structs stored in the .ems file list their arrays once, in `static visit_arrays_of(self,
// visit)`; this base gives them visit_arrays() for reading (mutable) and writing (const).
namespace ems120 {

template <class Derived>
struct VisitsArrays {
    template <class Visitor>
    void visit_arrays(Visitor&& visit) {
        Derived::visit_arrays_of(static_cast<Derived&>(*this), visit);
    }
    template <class Visitor>
    void visit_arrays(Visitor&& visit) const {
        Derived::visit_arrays_of(static_cast<const Derived&>(*this), visit);
    }
};

}  // namespace ems120
