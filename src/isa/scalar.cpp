// The scalar table: every activation's reference formula in double, rounded to float. It is
// the fallback on any CPU and fills the entries other ISAs do not vectorise. Baseline flags.
#define SIMDACT_BUILDING_TABLE
#include "../kernel_table.hpp"

namespace simdact::detail {

const kernel_table& scalar_table() {
  static constexpr kernel_table table = make_scalar_table();
  return table;
}

}  // namespace simdact::detail
