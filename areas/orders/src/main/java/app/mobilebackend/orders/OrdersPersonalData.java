package app.mobilebackend.orders;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.core.personaldata.PersonalData;
import jakarta.inject.Singleton;

/**
 * Orders' share of a user's personal data: the export lists every order with its lines; erasure deletes them.
 * Pending outbox events of the user are left alone: they report what already happened (an order placed, a status
 * change) to downstream services that keep their own records (fulfilment, accounting), and dropping them would lose
 * that silently. They are published and then stay as published rows.
 */
@Singleton
public final class OrdersPersonalData implements PersonalData {

    private final OrderService orders;

    OrdersPersonalData(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public void export(String userId, DataExport export) {
        export.setOrders(orders.all(userId));
    }

    @Override
    public void erase(String userId) {
        orders.deleteAll(userId);
    }
}
