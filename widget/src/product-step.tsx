import type { FlowHost } from './types.js';
import { PRODUCTS_ES } from './words/es.js';

/**
 * Step 1: which insurance, one button per product the site key offers: one
 * click (or Enter) chooses and moves on, the current choice is pressed
 * (data-product preselects one). Checking the choice is the second chunk's
 * job, as step 2 lives there anyway.
 */
export function ProductStep({ app }: { app: FlowHost }) {
  const { values, config } = app.state;
  // setState is asynchronous: the choice is checked once it is in the state, or step 1 would judge the previous one.
  const choose = (product?: string) => app.setState({ values: { ...app.state.values, product } }, () => {
    const { steps } = app.state;
    if (steps) steps.next(app, 0);
    else app.go(1);
  });
  const { products } = config!;
  return (
    <div data-step="product" role="group" aria-labelledby="lh-h">
      {products.map(({ value, label }) => (
        <button
          type="button" class="b b2 opt" name="product" id={`f-product-${value}`} value={value}
          aria-pressed={values.product === value} onClick={() => choose(value)}
        >
          {app.props.opts.lang === 'es' ? PRODUCTS_ES[value] : label}
        </button>
      ))}
      {!products.length && <button type="button" class="b" onClick={() => choose()}>{app.t('next')}</button>}
    </div>
  );
}
