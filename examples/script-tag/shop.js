// Tideline Goods: the demo shop's page logic and its tracking calls (Segment e-commerce spec).
// DOM is built with textContent and elements only, so the pages also run under a strict CSP
// with Trusted Types enforced (see csp.html).
import { startLivePanel } from './live.js';

const BRAND = 'Tideline';
const CURRENCY = 'USD';
const CART_KEY = 'tideline_cart';
const USER_KEY = 'tideline_user';
const ORDER_KEY = 'tideline_last_order';

const PRODUCTS = [
  { product_id: 'p1', sku: 'TL-MUG-01', name: 'Tide Mug', category: 'Kitchen', price: 14, color: 'sea', description: 'Stoneware glazed the colour of shallow water. Holds 350 ml.' },
  { product_id: 'p2', sku: 'TL-TOTE-02', name: 'Harbor Tote', category: 'Bags', price: 24, color: 'sand', description: 'Heavy canvas with rope handles, roomy enough for a market run.' },
  { product_id: 'p3', sku: 'TL-LAMP-03', name: 'Beacon Lamp', category: 'Home', price: 49, color: 'coral', description: 'A warm desk lamp with a dimmer, for long evenings.' },
  { product_id: 'p4', sku: 'TL-NOTE-04', name: 'Driftwood Notebook', category: 'Stationery', price: 9.5, color: 'kelp', description: '120 dotted pages of recycled paper, lies flat.' },
  { product_id: 'p5', sku: 'TL-WATCH-05', name: 'Compass Watch', category: 'Accessories', price: 129, color: 'slate', description: 'Quiet quartz movement, sapphire glass, 50 m water resistant.' },
  { product_id: 'p6', sku: 'TL-CAP-06', name: 'Sailcloth Cap', category: 'Accessories', price: 19, color: 'dusk', description: 'Made from retired sails. One size, adjustable strap.' },
];

const $ = (selector) => document.querySelector(selector);
const money = (n) => new Intl.NumberFormat('en-US', { style: 'currency', currency: CURRENCY }).format(n);
const cents = (n) => Math.round(n * 100) / 100;
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

/**
 * Calls the SDK. With the async snippet, `window.tidemark` is the stub that queues the call, or
 * the SDK itself. Pages that load the SDK by a plain async tag (csp.html) have no stub yet, so
 * early calls wait for that tag's load. When the SDK is blocked, calls do nothing.
 */
const tm = (method, ...args) => {
  if (window.tidemark) return window.tidemark[method]?.(...args);
  $('script[src$="/tidemark.min.js"]')?.addEventListener('load', () => window.tidemark?.[method]?.(...args), { once: true });
};

// --- Catalog and cart ---------------------------------------------------------------------

const productById = (id) => PRODUCTS.find((p) => p.product_id === id);
const productUrl = (p) => new URL(`product.html?id=${p.product_id}`, location.href).href;
/** A product as the e-commerce spec's events describe it. */
const productProps = (p) => ({
  product_id: p.product_id,
  sku: p.sku,
  category: p.category,
  name: p.name,
  brand: BRAND,
  price: p.price,
  currency: CURRENCY,
  url: productUrl(p),
});

const readCart = () => {
  try {
    const cart = JSON.parse(localStorage.getItem(CART_KEY) ?? 'null');
    if (cart && Array.isArray(cart.items)) return cart;
  } catch {
    // A damaged cart is replaced by an empty one.
  }
  return { id: `cart_${Date.now().toString(36)}`, items: [] };
};
const writeCart = (cart) => localStorage.setItem(CART_KEY, JSON.stringify(cart));

/** Cart lines joined with the catalog, and the order totals. */
const summarize = (cart) => {
  const lines = cart.items.map((item) => ({ product: productById(item.id), quantity: item.quantity })).filter((l) => l.product);
  const subtotal = cents(lines.reduce((sum, l) => sum + l.product.price * l.quantity, 0));
  const shipping = subtotal === 0 || subtotal >= 50 ? 0 : 5;
  const tax = cents(subtotal * 0.08);
  const products = lines.map(({ product: p, quantity }, i) => ({ ...productProps(p), quantity, position: i + 1 }));
  return { lines, subtotal, shipping, tax, total: cents(subtotal + shipping + tax), products };
};

const showCartCount = () => {
  const count = readCart().items.reduce((sum, item) => sum + item.quantity, 0);
  $('[data-cart-count]').textContent = String(count);
};

const renderLines = (lines) =>
  $('[data-lines]').replaceChildren(
    ...lines.map(({ product, quantity }) =>
      el(
        'tr',
        {},
        el('td', {}, el('a', { href: productUrl(product), textContent: product.name })),
        el('td', { className: 'num', textContent: String(quantity) }),
        el('td', { className: 'num', textContent: money(product.price) }),
        el('td', { className: 'num', textContent: money(product.price * quantity) }),
      ),
    ),
  );

// --- Account ------------------------------------------------------------------------------

/** A stand-in for a database user ID: emails themselves should not travel as IDs. */
const userIdFor = (email) => {
  let h = 0x811c9dc5;
  for (const ch of email) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `u_${h.toString(36)}`;
};
const readUser = () => {
  try {
    return JSON.parse(localStorage.getItem(USER_KEY) ?? 'null');
  } catch {
    return null;
  }
};

const showAccount = () => {
  const user = readUser();
  $('[data-login]').hidden = !!user;
  $('[data-account]').hidden = !user;
  $('[data-account-email]').textContent = user ? user.email : '';
};

const setUpAccount = () => {
  $('[data-login]').addEventListener('submit', (e) => {
    e.preventDefault();
    const email = new FormData(e.currentTarget).get('email').trim().toLowerCase();
    const user = { id: userIdFor(email), email };
    localStorage.setItem(USER_KEY, JSON.stringify(user));
    tm('identify', user.id, { email });
    showAccount();
  });
  $('[data-logout]').addEventListener('click', () => {
    localStorage.removeItem(USER_KEY);
    tm('reset');
    showAccount();
  });
  showAccount();
};

// --- Pages --------------------------------------------------------------------------------

const swatch = (p, tag = 'div') => el(tag, { className: `swatch swatch-${p.color}`, textContent: p.name[0] });

const home = () => {
  const list = $('[data-products]');
  list.replaceChildren(
    ...PRODUCTS.map((p, i) => {
      const meta = el('div', { className: 'card-meta' }, el('span', { className: 'muted', textContent: p.category }), el('span', { className: 'price', textContent: money(p.price) }));
      const link = el('a', { className: 'card', href: productUrl(p) }, swatch(p), el('div', { className: 'card-body' }, el('h3', { textContent: p.name }), meta));
      link.dataset.productId = p.product_id;
      // The browser navigates at once: the SDK hands this event to a keepalive request on page hide.
      link.addEventListener('click', () => tm('track', 'Product Clicked', { ...productProps(p), position: i + 1, list_id: 'home' }));
      return el('li', {}, link);
    }),
  );
  tm('track', 'Product List Viewed', {
    list_id: 'home',
    category: 'All',
    products: PRODUCTS.map((p, i) => ({ product_id: p.product_id, sku: p.sku, name: p.name, price: p.price, category: p.category, position: i + 1 })),
  });
};

const product = () => {
  const p = productById(new URLSearchParams(location.search).get('id'));
  if (!p) {
    $('[data-missing]').hidden = false;
    return;
  }
  document.title = `${p.name} · Tideline Goods`;
  $('[data-swatch]').replaceWith(swatch(p));
  $('[data-category]').textContent = p.category;
  $('[data-name]').textContent = p.name;
  $('[data-description]').textContent = p.description;
  $('[data-price]').textContent = money(p.price);
  $('[data-product]').hidden = false;
  tm('track', 'Product Viewed', productProps(p));

  $('[data-add]').addEventListener('click', () => {
    const quantity = Math.min(9, Math.max(1, Number($('[data-quantity]').value) || 1));
    const cart = readCart();
    const item = cart.items.find((it) => it.id === p.product_id);
    if (item) item.quantity += quantity;
    else cart.items.push({ id: p.product_id, quantity });
    writeCart(cart);
    tm('track', 'Product Added', { ...productProps(p), cart_id: cart.id, quantity });
    $('[data-added]').hidden = false;
    showCartCount();
  });
};

const cart = () => {
  const current = readCart();
  const order = summarize(current);
  renderLines(order.lines);
  $('[data-subtotal]').textContent = money(order.subtotal);
  const empty = order.lines.length === 0;
  $('[data-cart]').hidden = empty;
  $('[data-empty]').hidden = !empty;
  $('[data-checkout]').hidden = empty;
  $('[data-checkout]').addEventListener('click', () => {
    const { subtotal, shipping, tax, products } = summarize(readCart());
    tm('track', 'Checkout Started', { cart_id: current.id, value: subtotal, revenue: subtotal, shipping, tax, currency: CURRENCY, products });
  });
};

const checkout = () => {
  const current = readCart();
  const order = summarize(current);
  if (!order.lines.length) {
    location.replace('cart.html');
    return;
  }
  renderLines(order.lines);
  for (const key of ['subtotal', 'shipping', 'tax', 'total']) $(`[data-${key}]`).textContent = money(order[key]);
  const form = $('[data-order]');
  form.elements.email.value = readUser()?.email ?? '';
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const orderId = `T${Date.now().toString(36).toUpperCase()}`;
    tm('track', 'Order Completed', {
      order_id: orderId,
      checkout_id: current.id,
      total: order.total,
      subtotal: order.subtotal,
      revenue: order.subtotal,
      shipping: order.shipping,
      tax: order.tax,
      currency: CURRENCY,
      products: order.products,
    });
    sessionStorage.setItem(ORDER_KEY, JSON.stringify({ id: orderId, total: order.total }));
    localStorage.removeItem(CART_KEY);
    location.assign('thanks.html');
  });
};

const thanks = () => {
  const order = JSON.parse(sessionStorage.getItem(ORDER_KEY) ?? 'null');
  if (order) $('[data-thanks]').textContent = `Order ${order.id} (${money(order.total)}) is on its way.`;
};

const PAGES = { home, product, cart, checkout, thanks };

setUpAccount();
showCartCount();
PAGES[document.body.dataset.page]?.();
startLivePanel();
