'use strict';
// The live order board: the orders the status filter selects, newest first, kept current by the filtered stream
// (GET /order_details/stream): its first events are the matching orders as they are, then one event per change;
// `removed` when an order stops matching, `deleted` when it is deleted.
const SHOWN = 200;
const orders = new Map();
const changed = new Set();
const body = document.querySelector('#orders tbody');
const statusFilter = document.querySelector('#status');
const connection = document.querySelector('#connection');
let stream;
let renderQueued = false;

function subscribe() {
  if (stream) {
    stream.close();
  }
  orders.clear();
  queueRender();
  const status = statusFilter.value;
  stream = new EventSource('../order_details/stream' + (status ? '?status=' + encodeURIComponent(status) : ''));
  setConnection('loading', '');
  stream.onmessage = event => {
    const order = JSON.parse(event.data);
    orders.set(order.order_id, order);
    if (event.lastEventId) {
      changed.add(order.order_id);
    }
    queueRender();
  };
  const drop = event => {
    orders.delete(JSON.parse(event.data).order_id);
    queueRender();
  };
  stream.addEventListener('removed', drop);
  stream.addEventListener('deleted', drop);
  stream.addEventListener('subscribed', () => setConnection('live', 'live'));
  stream.addEventListener('resumed', () => setConnection('live', 'live'));
  // behind by more than the server buffers, or away: start afresh from the orders as they are
  stream.addEventListener('overflow', () => setTimeout(subscribe, 1000));
  stream.onerror = () => {
    setConnection('reconnecting', 'down');
    stream.close();
    setTimeout(subscribe, 2000);
  };
}

function setConnection(text, kind) {
  connection.textContent = text;
  connection.className = 'connection ' + kind;
}

function queueRender() {
  if (!renderQueued) {
    renderQueued = true;
    requestAnimationFrame(render);
  }
}

function render() {
  renderQueued = false;
  const newest = [...orders.values()].sort((a, b) => b.order_id - a.order_id).slice(0, SHOWN);
  body.replaceChildren(...newest.map(row));
  changed.clear();
  document.querySelector('#count').textContent = orders.size + ' orders' + (orders.size > SHOWN ? ', newest ' + SHOWN + ' shown' : '');
}

function row(order) {
  const tr = document.createElement('tr');
  tr.id = 'order-' + order.order_id;
  tr.dataset.status = order.order_status;
  if (changed.has(order.order_id)) {
    tr.className = 'changed';
  }
  const status = document.createElement('span');
  status.className = 'status ' + order.order_status;
  status.textContent = order.order_status;
  tr.append(cell(String(order.order_id)), cell(status), cell(order.user_name || ('user ' + order.user_id)),
      cell(order.order_items_details), cell(order.total, 'total'),
      cell(new Date(order.read_model_updated_at).toLocaleTimeString(), 'updated'));
  return tr;
}

function cell(content, className) {
  const td = document.createElement('td');
  if (className) {
    td.className = className;
  }
  td.append(content);
  return td;
}

async function showLag() {
  try {
    const freshness = await (await fetch('../freshness')).json();
    document.querySelector('#lag').textContent = freshness.lag_ms === null ? 'lag unknown' : 'lag ' + freshness.lag_ms + ' ms';
  } catch (e) {
    document.querySelector('#lag').textContent = '';
  }
}

statusFilter.addEventListener('change', subscribe);
subscribe();
showLag();
setInterval(showLag, 2000);
