package dev.cqrsorders.job.assemble;

import dev.cqrsorders.job.shop.ShopChange;
import dev.cqrsorders.job.shop.ShopRow;
import dev.cqrsorders.job.sink.ReadModelTable;
import dev.cqrsorders.job.sink.ReadModelWrite;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.Objects;

/**
 * Addresses each write-model change to whoever applies it: orders and items to the {@link OrderAssembler} (main
 * output, by order id), users and addresses to their {@link DimensionFanout}s together with the orders that start or
 * stop referencing them, and every user, address and order row to its projection table.
 */
public final class ShopChangeRouter extends ProcessFunction<ShopChange, OrderInput> {
    public static final OutputTag<DimensionInput> USERS = new OutputTag<>("users", DimensionInput.TYPE);
    public static final OutputTag<DimensionInput> ADDRESSES = new OutputTag<>("addresses", DimensionInput.TYPE);
    public static final OutputTag<ReadModelWrite> PROJECTIONS = new OutputTag<>("projections", ReadModelWrite.TYPE);

    @Override
    public void processElement(ShopChange change, Context ctx, Collector<OrderInput> out) {
        long version = change.version();
        if (change.row() instanceof ShopRow.User u) {
            ctx.output(USERS, new DimensionInput.Row(u.userId(), version, change.snapshot(),
                    userValues((ShopRow.User) change.after())));
            project(change, ctx);
        } else if (change.row() instanceof ShopRow.Address a) {
            ShopRow.Address after = (ShopRow.Address) change.after();
            ctx.output(ADDRESSES, new DimensionInput.Row(a.addressId(), version, change.snapshot(),
                    after == null ? null : new String[] {after.fullAddress()}));
            project(change, ctx);
        } else if (change.row() instanceof ShopRow.Order o) {
            ShopRow.Order before = (ShopRow.Order) change.before();
            ShopRow.Order after = (ShopRow.Order) change.after();
            out.collect(new OrderInput.OrderRow(o.orderId(), version, after));
            membership(ctx, USERS, o.orderId(), change, before == null ? null : before.userId(),
                    after == null ? null : after.userId());
            membership(ctx, ADDRESSES, o.orderId(), change, before == null ? null : before.addressId(),
                    after == null ? null : after.addressId());
            project(change, ctx);
        } else if (change.row() instanceof ShopRow.Item i) {
            ShopRow.Item before = (ShopRow.Item) change.before();
            ShopRow.Item after = (ShopRow.Item) change.after();
            if (before != null && (after == null || before.orderId() != after.orderId())) {
                out.collect(new OrderInput.Item(before.orderId(), i.itemId(), version, null));
            }
            if (after != null) {
                out.collect(new OrderInput.Item(after.orderId(), i.itemId(), version, after));
            }
        }
    }

    /** name, email, phone: what order_details shows of a user. */
    static String[] userValues(ShopRow.User user) {
        return user == null ? null : new String[] {user.name(), user.email(), user.phone()};
    }

    private static void membership(Context ctx, OutputTag<DimensionInput> fanout, long orderId, ShopChange change,
                                   Long before, Long after) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null) {
            ctx.output(fanout, new DimensionInput.Membership(before, orderId, change.version(), change.snapshot(), false));
        }
        if (after != null) {
            ctx.output(fanout, new DimensionInput.Membership(after, orderId, change.version(), change.snapshot(), true));
        }
    }

    private static void project(ShopChange change, Context ctx) {
        ShopRow after = change.after();
        ReadModelWrite write = after == null
                ? new ReadModelWrite.Deletion(ReadModelTable.projectionOf(change.before()), change.before().id(),
                        change.version())
                : new ReadModelWrite.Projection(after, change.version());
        ctx.output(PROJECTIONS, write);
    }
}
