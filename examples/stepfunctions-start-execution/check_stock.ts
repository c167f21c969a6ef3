/** The OrderFlow state machine's CheckStock Task: is there enough of the order's SKU in stock? */
const STOCK: Record<string, number> = { widget: 5, gadget: 0 };

interface Order {
  sku: string;
  quantity: number;
}

export const handler = async (event: Order) => {
  const inStock = STOCK[event.sku] ?? 0;
  return { sku: event.sku, inStock, available: event.quantity <= inStock };
};
