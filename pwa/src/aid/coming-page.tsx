import type { ComponentChildren } from 'preact';
import { PageHeader, useTitle } from '../core/ui';

/** A tab whose features come in a later version: says so plainly, shows no made-up data. */
export function Coming(props: { title: string; what: string; children?: ComponentChildren }) {
  useTitle(props.title);
  return (
    <div class="page">
      <PageHeader title={props.title} />
      <div class="msg coming">
        <p class="coming-badge">即将上线</p>
        <p>{props.what}</p>
        {props.children}
      </div>
    </div>
  );
}

export function AidPage() {
  return (
    <Coming title="援助" what="在手机上申请法律援助、拍照上传证据、查办理进度，下一个版本就能在这里用。">
      <p>现在想申请，可以直接打电话：</p>
      <p>
        <a class="btn btn-primary" href="tel:12348">
          拨打 12348 法律援助热线
        </a>
      </p>
      <p class="page-desc">农民工讨工资、工伤索赔申请法律援助，能证明是这类事的，不用核查经济困难（《法律援助法》第四十二条）。</p>
    </Coming>
  );
}
