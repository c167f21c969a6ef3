# The OrderFlow state machine's CheckStock Task: is there enough of the order's SKU in stock?
STOCK = {"widget": 5, "gadget": 0}


def lambda_handler(event, context):
    in_stock = STOCK.get(event["sku"], 0)
    return {"sku": event["sku"], "inStock": in_stock, "available": event["quantity"] <= in_stock}
