// StatementCancel: the stop signal of one ExecuteRequest in flight. The RPC
// connection raises it when the caller sends a CancelRequest (KILL QUERY);
// the service running the statement says what raising it does while the
// statement runs. Single-threaded: the tablet's io_context.
#pragma once

#include <functional>
#include <utility>

namespace tessera::vttablet {

class StatementCancel {
 public:
  using Handler = std::function<void()>;

  // Raises the signal; the handler set at that moment, if any, runs now.
  void Cancel() {
    if (cancelled_) return;
    cancelled_ = true;
    if (handler_) handler_();
  }
  bool cancelled() const { return cancelled_; }
  // What Cancel() does from now on; an empty handler clears it.
  void OnCancel(Handler handler) { handler_ = std::move(handler); }

 private:
  bool cancelled_ = false;
  Handler handler_;
};

}  // namespace tessera::vttablet
